import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';

/** POST /v2/recyclebin/clear: the bin looks empty at once; a task purges it. */
export const clearRecycleBin = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id'), bypassLock: fields.boolean(body, 'bypass_governance_retention') }),
  run: ({ salvage, actor }, input) => salvage.bin.clear(actor, { driveId: input.driveId, policy: 'queue', bypassLock: input.bypassLock }),
  render: (job) => ({ status: 202, body: { domain_id: DOMAIN_ID, drive_id: job.driveId, async_task_id: String(job.id) } }),
});
