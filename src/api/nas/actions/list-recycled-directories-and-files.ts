import { nasAction } from '../action.js';
import { entryType, isoTime } from '../wire.js';

/**
 * ListRecycledDirectoriesAndFiles. For a live folder: the items deleted from it. For a
 * folder in the bin: its children, deleted when it was. For a folder that is gone for
 * good: the items deleted from it that are still in the bin, since
 * ListRecentlyRecycledDirectories still names it while there are any. The core decides
 * which (bin.listDeleted); both render alike.
 */
export const listRecycledDirectoriesAndFiles = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    fileId: p.id('FileId'),
    maxResults: p.int('MaxResults', { min: 10, max: 1000, fallback: 100 }),
    nextToken: p.token('NextToken'),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.listDeleted(actor, {
      driveId: input.fileSystemId,
      folderId: input.fileId,
      limit: input.maxResults,
      token: input.nextToken,
    }),
  render: (listing) => ({
    Entries: listing.items.map(({ entry: e, deletedAt, deletedBy, deletedByName }) => ({
      FileId: e.id,
      Type: entryType(e),
      Name: e.name,
      DeleteTime: isoTime(deletedAt),
      Inode: e.id,
      ATime: isoTime(e.accessedAt),
      MTime: isoTime(e.updatedAt),
      CTime: isoTime(e.changedAt),
      Size: e.type === 'folder' ? 0 : e.size,
      // Salvage's own (the SDK has no field for who deleted; clients ignore unknown ones).
      DeletedByUserId: deletedBy,
      DeletedByUserName: deletedByName,
    })),
    NextToken: listing.nextToken,
  }),
});
