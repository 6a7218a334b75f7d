import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';

/**
 * POST /v2/recyclebin/trash: done before the answer, for a file or a folder of any size,
 * so there is no task: 202 with async_task_id "" (SPEC section 2).
 */
export const trashFile = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id'), fileId: fields.requiredId(body, 'file_id') }),
  run: ({ salvage, actor }, input) => salvage.bin.trash(actor, input),
  render: ({ entry, asyncTaskId }) => ({
    status: 202,
    body: { domain_id: DOMAIN_ID, drive_id: entry.driveId, file_id: entry.id, async_task_id: asyncTaskId },
  }),
});
