import { isDomainError } from '../../../core/errors.js';
import type { Drive } from '../../../core/types.js';
import { nasAction } from '../action.js';
import { NasError } from '../errors.js';
import type { NasBody } from '../render.js';
import { FILE_SYSTEM_TYPES, fileSystemCapacityGiB } from '../file-system.js';
import { isoTime } from '../wire.js';

/**
 * A drive as NAS describes a file system: every field of the SDK's model. What Salvage
 * has no notion of (networks, billing, encryption, tags) is what a pay-as-you-go
 * General-purpose file system without them reports: empty texts, 0, empty wrappers.
 * docs/nas.md lists each choice.
 */
function renderFileSystem(d: Drive, regionId: string): NasBody {
  return {
    AccessPointCount: '0',
    AutoSnapshotPolicyId: '',
    Bandwidth: 0,
    Capacity: fileSystemCapacityGiB(d.totalSize),
    ChargeType: 'PayAsYouGo',
    CreateTime: isoTime(d.createdAt),
    Description: d.description,
    EncryptType: 0,
    ExpiredTime: '',
    FileSystemId: d.id,
    FileSystemType: d.fileSystemType,
    KMSKeyId: '',
    Ldap: { BindDN: '', SearchBase: '', URI: '' },
    MeteredArchiveSize: 0,
    MeteredIASize: 0,
    MeteredSize: d.usedSize,
    MountTargets: { MountTarget: [] },
    Options: { EnableOplock: false },
    Packages: { Package: [] },
    ProtocolType: d.protocolType,
    QuorumVswId: '',
    RedundancyType: 'LRS',
    RedundancyVSwitchIds: { RedundancyVSwitchId: [] },
    RegionId: regionId,
    ResourceGroupId: '',
    Status: 'Running',
    StorageType: d.storageType,
    SupportedFeatures: { SupportedFeature: [] },
    Tags: { Tag: [] },
    Version: '',
    VpcId: '',
    VscTarget: '',
    VswIds: { VswId: [] },
    ZoneId: '',
  };
}

/** `FileSystemType`: `all` (the default) or a comma-separated list of types. */
function parseTypes(value: string | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const types = value.split(',').map((t) => t.trim());
  if (types.includes('all')) return types.length === 1 ? undefined : invalidTypes();
  for (const t of types) if (!FILE_SYSTEM_TYPES.some((known) => known === t)) invalidTypes();
  return types;
}

function invalidTypes(): never {
  throw new NasError('InvalidParameter', {
    param: 'FileSystemType',
    reason: `The parameter FileSystemType must be all, or one or more of ${FILE_SYSTEM_TYPES.join(', ')} separated by commas.`,
  });
}

/**
 * DescribeFileSystems: the caller's drives, oldest first, by page number. Filters that name
 * what no Salvage file system has (a VPC, a resource group, tags) match none.
 */
export const describeFileSystems = nasAction({
  parse: (p) => ({
    fileSystemId: p.optionalId('FileSystemId'),
    fileSystemTypes: parseTypes(p.raw('FileSystemType')),
    pageNumber: p.int('PageNumber', { min: 1, max: 1_000_000, fallback: 1 }),
    pageSize: p.int('PageSize', { min: 1, max: 100, fallback: 10 }),
    vpcId: p.text('VpcId', 128),
    resourceGroupId: p.text('ResourceGroupId', 128),
    tags: p.tags(),
  }),
  async run({ salvage, actor, regionId }, input): Promise<{ items: Drive[]; total: number; regionId: string }> {
    const none = { items: [], total: 0, regionId };
    if (input.vpcId !== undefined || input.resourceGroupId !== undefined || input.tags.length > 0) return none;
    if (input.fileSystemId === undefined) {
      const offset = (input.pageNumber - 1) * input.pageSize;
      const page = await salvage.drives.list(actor, { offset, limit: input.pageSize, fileSystemTypes: input.fileSystemTypes });
      return { ...page, regionId };
    }
    // A filter that matches nothing is an empty page, as NAS answers it, not an error.
    try {
      const drive = await salvage.drives.get(actor, input.fileSystemId);
      if (input.fileSystemTypes !== undefined && !input.fileSystemTypes.includes(drive.fileSystemType)) return none;
      return { items: input.pageNumber === 1 ? [drive] : [], total: 1, regionId };
    } catch (err) {
      if (isDomainError(err) && err.code === 'DriveNotFound') return none;
      throw err;
    }
  },
  render: (page, input) => ({
    FileSystems: { FileSystem: page.items.map((d) => renderFileSystem(d, page.regionId)) },
    TotalCount: page.total,
    PageNumber: input.pageNumber,
    PageSize: input.pageSize,
  }),
});
