import { nasAction } from '../action.js';

/** UpdateRecycleBinAttribute: new retention, applied to what is in the bin already. */
export const updateRecycleBinAttribute = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    reservedDays: p.int('ReservedDays', { min: 1, max: 180 }),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.updateRetention(actor, { driveId: input.fileSystemId, reservedDays: input.reservedDays }),
  render: () => ({}),
});
