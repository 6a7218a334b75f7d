import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';

/** POST /v2/file/delete: permanent, for a live entry or one in the bin, as a queued job. */
export const deleteFile = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    // An admin's explicit bypass of a governance retention lock (docs/pds.md).
    bypassLock: fields.boolean(body, 'bypass_governance_retention'),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.delete(actor, { driveId: input.driveId, fileId: input.fileId, policy: 'queue', binOnly: false, bypassLock: input.bypassLock }),
  render: (job) => ({
    status: 202,
    body: { domain_id: DOMAIN_ID, drive_id: job.driveId, file_id: job.targetId ?? '', async_task_id: String(job.id) },
  }),
});
