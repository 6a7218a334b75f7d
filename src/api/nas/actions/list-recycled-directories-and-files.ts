import { isDomainError } from '../../../core/errors.js';
import type { Salvage } from '../../../core/salvage.js';
import type { Actor, Entry } from '../../../core/types.js';
import { nasAction } from '../action.js';
import { NasError } from '../errors.js';
import { entryType, isoTime } from '../wire.js';

interface Input {
  fileSystemId: string;
  fileId: string;
  maxResults: number;
  nextToken: string | undefined;
}

interface Deleted {
  items: { entry: Entry; deletedAt: number }[];
  nextToken: string;
}

const BIN_LIMITS = { min: 10, max: 1000, fallback: 100, param: 'MaxResults', tokenParam: 'NextToken' };

/** The bin items that were deleted from folder `fileId` (each is its own deletion). */
async function deletedFrom(salvage: Salvage, actor: Actor, input: Input): Promise<Deleted> {
  const page = await salvage.bin.list(actor, {
    driveId: input.fileSystemId,
    origParentId: input.fileId,
    limit: input.maxResults,
    token: input.nextToken,
    limits: BIN_LIMITS,
  });
  return { items: page.items.map((entry) => ({ entry, deletedAt: entry.trashedAt })), nextToken: page.nextToken };
}

/**
 * ListRecycledDirectoriesAndFiles. For a live folder: the items deleted from it. For a
 * folder in the bin: its children, deleted when it was. For a folder that is gone for
 * good: the items deleted from it that are still in the bin, since
 * ListRecentlyRecycledDirectories still names it while there are any.
 */
export const listRecycledDirectoriesAndFiles = nasAction({
  parse: (p): Input => ({
    fileSystemId: p.id('FileSystemId'),
    fileId: p.id('FileId'),
    maxResults: p.int('MaxResults', { min: 10, max: 1000, fallback: 100 }),
    nextToken: p.token('NextToken'),
  }),
  async run({ salvage, actor }, input): Promise<Deleted> {
    let where: Awaited<ReturnType<Salvage['entries']['state']>>;
    try {
      where = await salvage.entries.state(actor, input.fileSystemId, input.fileId);
    } catch (err) {
      if (!isDomainError(err) || err.code !== 'EntryNotFound') throw err;
      const orphans = await deletedFrom(salvage, actor, input);
      if (orphans.items.length === 0 && input.nextToken === undefined) throw err;
      return orphans;
    }
    if (where.entry.type !== 'folder') {
      throw new NasError('InvalidParameter', { param: 'FileId', reason: 'The parameter FileId must be a directory.' });
    }
    if (where.state === 'live') return deletedFrom(salvage, actor, input);
    const page = await salvage.bin.listInside(actor, {
      driveId: input.fileSystemId,
      folderId: input.fileId,
      limit: input.maxResults,
      token: input.nextToken,
    });
    const deletedAt = where.deletedAt ?? 0;
    return { items: page.items.map((entry) => ({ entry, deletedAt })), nextToken: page.nextToken };
  },
  render: (page) => ({
    Entries: page.items.map(({ entry: e, deletedAt }) => ({
      FileId: e.id,
      Type: entryType(e),
      Name: e.name,
      DeleteTime: isoTime(deletedAt),
      Inode: e.id,
      ATime: isoTime(e.accessedAt),
      MTime: isoTime(e.updatedAt),
      CTime: isoTime(e.changedAt),
      Size: e.type === 'folder' ? 0 : e.size,
    })),
    NextToken: page.nextToken,
  }),
});
