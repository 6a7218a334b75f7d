import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';

/**
 * POST /v2/recyclebin/restore: back to the original folder, renamed `name (restored)` if
 * the name is taken there. Always a task: done already when the drive had no other job,
 * else queued behind it (PDS policy) and reported Running until it starts.
 */
export const restoreFile = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id'), fileId: fields.requiredId(body, 'file_id') }),
  run: ({ salvage, actor }, input) => salvage.bin.restore(actor, { ...input, policy: 'queue' }),
  render: ({ job }) => ({
    status: 202,
    body: { domain_id: DOMAIN_ID, drive_id: job.driveId, file_id: job.targetId ?? '', async_task_id: String(job.id) },
  }),
});
