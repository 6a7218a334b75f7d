import type { Entry, Page } from '../../../core/types.js';
import { nasAction } from '../action.js';
import { NasError } from '../errors.js';
import type { NasBody } from '../render.js';
import { entryType, isoTime } from '../wire.js';

const STORAGE_TYPES = ['All', 'InfrequentAccess', 'Archive'] as const;

/**
 * An entry with every field of the SDK's model. Files carry their storage class and last
 * retrieval (Salvage has one class, `Standard`, and never retrieves); directories say
 * whether they hold Infrequent Access or Archive files (never, in Salvage). The SDK types
 * HasArchiveFile as a string and HasInfrequentAccessFile as a boolean, so they differ here.
 */
function renderEntry(e: Entry): NasBody {
  const common = {
    FileId: e.id,
    Name: e.name,
    Type: entryType(e),
    Size: e.type === 'folder' ? 0 : e.size,
    Inode: e.id,
    Owner: '',
    Atime: isoTime(e.accessedAt),
    Mtime: isoTime(e.updatedAt),
    Ctime: isoTime(e.changedAt),
  };
  if (e.type === 'folder') return { ...common, HasInfrequentAccessFile: false, HasArchiveFile: 'false' };
  return { ...common, StorageType: 'Standard', RetrieveTime: '' };
}

/**
 * ListDirectoriesAndFiles: the live children of the folder at `Path`. Salvage has one
 * storage class, so asking for InfrequentAccess or Archive lists nothing.
 */
export const listDirectoriesAndFiles = nasAction({
  parse: (p) => {
    const fileSystemId = p.id('FileSystemId');
    const path = p.text('Path', 4096);
    if (path === undefined) throw new NasError('MissingPath', { param: 'Path' });
    if (!path.startsWith('/')) {
      throw new NasError('InvalidParameter', { param: 'Path', reason: 'The parameter Path must be an absolute path.' });
    }
    return {
      fileSystemId,
      path,
      directoryOnly: p.bool('DirectoryOnly', false),
      maxResults: p.int('MaxResults', { min: 10, max: 128, fallback: 100 }),
      nextToken: p.token('NextToken'),
      // Required by the SDK; Salvage does not demand DirectoryOnly=true with All (docs/nas.md).
      storageType: p.oneOf('StorageType', STORAGE_TYPES),
    };
  },
  async run({ salvage, actor }, input): Promise<Page<Entry>> {
    const folder = await salvage.entries.resolvePath(actor, { driveId: input.fileSystemId, path: input.path });
    if (folder.type !== 'folder') {
      throw new NasError('InvalidParameter', { param: 'Path', reason: 'The parameter Path must name a directory.' });
    }
    if (input.storageType !== 'All') return { items: [], nextToken: '' };
    return salvage.entries.list(actor, {
      driveId: input.fileSystemId,
      parentId: folder.id,
      limit: input.maxResults,
      token: input.nextToken,
      type: input.directoryOnly ? 'folder' : undefined,
    });
  },
  render: (page) => ({ Entries: page.items.map(renderEntry), NextToken: page.nextToken }),
});
