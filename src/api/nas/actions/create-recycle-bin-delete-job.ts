import { nasAction } from '../action.js';

/**
 * CreateRecycleBinDeleteJob: purges an item of the bin for good, as a job. Only items in
 * the bin qualify; NAS refuses it while another restore or delete job runs.
 */
export const createRecycleBinDeleteJob = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    fileId: p.id('FileId'),
    clientToken: p.clientToken(),
    // Salvage's own: an admin's explicit bypass of a governance retention lock (docs/nas.md).
    bypassLock: p.bool('BypassGovernanceRetention', false),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.delete(actor, {
      driveId: input.fileSystemId,
      fileId: input.fileId,
      clientToken: input.clientToken,
      policy: 'refuse',
      binOnly: true,
      bypassLock: input.bypassLock,
    }),
  render: (job) => ({ JobId: String(job.id) }),
});
