import { isDomainError } from '../../../core/errors.js';
import type { Drive } from '../../../core/types.js';
import { nasAction } from '../action.js';
import type { NasBody } from '../render.js';
import { isoTime } from '../wire.js';

const GiB = 1024 ** 3;

/** A drive as NAS describes a file system. Capacity is in GiB; -1 means no quota. */
function renderFileSystem(d: Drive): NasBody {
  return {
    FileSystemId: d.id,
    Description: d.description,
    CreateTime: isoTime(d.createdAt),
    MeteredSize: d.usedSize,
    FileSystemType: d.fileSystemType,
    ProtocolType: d.protocolType,
    StorageType: d.storageType,
    Status: 'Running',
    Capacity: d.totalSize < 0 ? -1 : Math.floor(d.totalSize / GiB),
  };
}

/** DescribeFileSystems: the caller's drives, oldest first, by page number. */
export const describeFileSystems = nasAction({
  parse: (p) => ({
    fileSystemId: p.optionalId('FileSystemId'),
    pageNumber: p.int('PageNumber', { min: 1, max: 1_000_000, fallback: 1 }),
    pageSize: p.int('PageSize', { min: 1, max: 100, fallback: 10 }),
  }),
  async run({ salvage, actor }, input): Promise<{ items: Drive[]; total: number }> {
    if (input.fileSystemId === undefined) {
      const offset = (input.pageNumber - 1) * input.pageSize;
      return salvage.drives.list(actor, { offset, limit: input.pageSize });
    }
    // A filter that matches nothing is an empty page, as NAS answers it, not an error.
    try {
      const drive = await salvage.drives.get(actor, input.fileSystemId);
      return { items: input.pageNumber === 1 ? [drive] : [], total: 1 };
    } catch (err) {
      if (isDomainError(err) && err.code === 'DriveNotFound') return { items: [], total: 0 };
      throw err;
    }
  },
  render: (page, input) => ({
    FileSystems: { FileSystem: page.items.map(renderFileSystem) },
    TotalCount: page.total,
    PageNumber: input.pageNumber,
    PageSize: input.pageSize,
  }),
});
