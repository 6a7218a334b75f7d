import { nasAction } from '../action.js';

/**
 * CreateRecycleBinRestoreJob: brings an item back into the live folder TargetFileId. NAS
 * refuses it while another restore or delete job runs on the file system.
 */
export const createRecycleBinRestoreJob = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    fileId: p.id('FileId'),
    targetFileId: p.id('TargetFileId'),
    clientToken: p.clientToken(),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.restore(actor, {
      driveId: input.fileSystemId,
      fileId: input.fileId,
      targetId: input.targetFileId,
      clientToken: input.clientToken,
      policy: 'refuse',
    }),
  render: (result) => ({ JobId: String(result.job.id) }),
});
