import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';
import { booleanField, relocation } from './name-mode.js';

/**
 * POST /v2/file/copy: a copy in another (or the same) folder of the drive. A file is copied
 * before the answer: 201 with the copy's file_id. A folder's copy is made at once, empty,
 * and filled by a task: 202 with the copy's file_id and the async_task_id to follow. A
 * taken name is 409 AlreadyExist.File unless `auto_rename` is true (CopyFileRequest has
 * no check_name_mode).
 */
export const copyFile = userOperation({
  parse: (body) => ({ ...relocation(body), autoRename: booleanField(body, 'auto_rename') ?? false }),
  run: ({ salvage, actor }, input) => salvage.entries.copy(actor, input),
  render: ({ entry, job }) => ({
    status: job ? 202 : 201,
    body: { domain_id: DOMAIN_ID, drive_id: entry.driveId, file_id: entry.id, async_task_id: job ? String(job.id) : '' },
  }),
});
