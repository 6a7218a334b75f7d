import { nasAction } from '../action.js';

/** EnableRecycleBin: turns the bin on, keeping deleted items ReservedDays (default 3). */
export const enableRecycleBin = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    reservedDays: p.int('ReservedDays', { min: 1, max: 180, fallback: 3 }),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.enable(actor, { driveId: input.fileSystemId, reservedDays: input.reservedDays }),
  render: () => ({}),
});
