import { nasAction } from '../action.js';

/** DisableAndCleanRecycleBin: switches the bin off and empties it with one clear job. */
export const disableAndCleanRecycleBin = nasAction({
  parse: (p) => ({ fileSystemId: p.id('FileSystemId') }),
  run: ({ salvage, actor }, input) => salvage.bin.disableAndClean(actor, input.fileSystemId),
  render: () => ({}),
});
