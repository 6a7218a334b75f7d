import { nasAction } from '../action.js';

/** DeleteFileSystem: the drive is gone at once; a job purges its contents. */
export const deleteFileSystem = nasAction({
  parse: (p) => ({ fileSystemId: p.id('FileSystemId') }),
  run: ({ salvage, actor }, input) => salvage.drives.delete(actor, { driveId: input.fileSystemId }),
  render: () => ({}),
});
