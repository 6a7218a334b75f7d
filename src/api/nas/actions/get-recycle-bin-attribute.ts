import { nasAction } from '../action.js';
import { isoTime } from '../wire.js';

/** GetRecycleBinAttribute: whether the bin is on, its retention and the bytes in it. */
export const getRecycleBinAttribute = nasAction({
  parse: (p) => ({ fileSystemId: p.id('FileSystemId') }),
  run: ({ salvage, actor }, input) => salvage.bin.attribute(actor, input.fileSystemId),
  render: (a) => ({
    RecycleBinAttribute: {
      Status: a.enabled ? 'Enable' : 'Disable',
      ReservedDays: a.reservedDays,
      Size: a.size,
      SecondarySize: 0,
      ArchiveSize: 0,
      EnableTime: isoTime(a.enableTime),
    },
  }),
});
