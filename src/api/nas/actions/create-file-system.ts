import { nasAction } from '../action.js';
import { missingParameter, NasError } from '../errors.js';
import {
  FILE_SYSTEM_TYPES,
  type FileSystemType,
  PROTOCOL_TYPES_OF,
  quotaOfCapacity,
  STORAGE_TYPES_OF,
  UNLIMITED_CAPACITY_GIB,
} from '../file-system.js';
import type { NasParams } from '../params.js';

const PROTOCOL_TYPES = ['NFS', 'SMB', 'cpfs'] as const;
const STORAGE_TYPES = ['Performance', 'Capacity', 'Premium', 'standard', 'advance', 'advance_100', 'advance_200'] as const;
const CHARGE_TYPES = ['PayAsYouGo', 'Subscription'] as const;

const invalid = (param: string, reason: string) => new NasError('InvalidParameter', { param, reason: `The parameter ${param} ${reason}.` });

/** One of the values NAS allows for this FileSystemType (`allowed` lists them). */
function matchType(param: string, value: string, fileSystemType: FileSystemType, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    throw invalid(param, `must be ${allowed.join(' or ')} when FileSystemType is ${fileSystemType}`);
  }
}

/**
 * Description: 2-128 characters, starting with a letter, of letters, digits, `:`, `_`
 * and `-`, and not starting with http:// or https:// (the SDK's CreateFileSystem docs).
 */
function description(p: NasParams): string | undefined {
  const value = p.text('Description', 128);
  if (value === undefined) return undefined;
  if ([...value].length < 2) throw invalid('Description', 'must be 2 to 128 characters long');
  if (/^https?:\/\//.test(value) || !/^\p{L}[\p{L}\p{N}:_-]*$/u.test(value)) {
    throw invalid('Description', 'must start with a letter and contain only letters, digits, colons (:), underscores (_) and hyphens (-)');
  }
  return value;
}

/** A parameter NAS requires for some FileSystemType only. */
function requiredFor(p: NasParams, param: string, when: boolean): string | undefined {
  const value = p.text(param, 128);
  if (when && value === undefined) throw missingParameter(param);
  return value;
}

function parse(p: NasParams) {
  const fileSystemType = p.oneOf('FileSystemType', FILE_SYSTEM_TYPES, 'standard');
  const protocolType = p.oneOf('ProtocolType', PROTOCOL_TYPES);
  const storageType = p.oneOf('StorageType', STORAGE_TYPES);
  matchType('ProtocolType', protocolType, fileSystemType, PROTOCOL_TYPES_OF[fileSystemType]);
  matchType('StorageType', storageType, fileSystemType, STORAGE_TYPES_OF[fileSystemType]);
  const chargeType = p.oneOf('ChargeType', CHARGE_TYPES, 'PayAsYouGo');
  const duration = p.optionalInt('Duration', { min: 1, max: 1_000_000 });
  if (chargeType === 'Subscription' && duration === undefined) throw missingParameter('Duration');
  const encryptType = p.int('EncryptType', { min: 0, max: 2, fallback: 0 });
  if (encryptType !== 0 && fileSystemType === 'cpfs') throw invalid('EncryptType', 'must be 0 when FileSystemType is cpfs');
  const tags = p.tags();
  for (const [i, tag] of tags.entries()) if (tag.value === '') throw missingParameter(`Tag.${i + 1}.Value`);
  const capacity = p.optionalInt('Capacity', { min: 1, max: UNLIMITED_CAPACITY_GIB });
  return {
    fileSystemType,
    protocolType,
    storageType,
    description: description(p),
    capacity,
    chargeType,
    duration,
    encryptType,
    kmsKeyId: requiredFor(p, 'KmsKeyId', encryptType === 2),
    zoneId: requiredFor(p, 'ZoneId', fileSystemType !== 'standard'),
    vpcId: requiredFor(p, 'VpcId', fileSystemType === 'cpfs'),
    vSwitchId: requiredFor(p, 'VSwitchId', fileSystemType === 'cpfs'),
    bandwidth: p.optionalInt('Bandwidth', { min: 1, max: 1_000_000 }),
    resourceGroupId: p.text('ResourceGroupId', 128),
    snapshotId: p.text('SnapshotId', 128),
    tags,
    dryRun: p.bool('DryRun', false),
    clientToken: p.clientToken(),
  };
}

/**
 * CreateFileSystem: a new drive whose recycle bin starts disabled, as on NAS. Capacity
 * (GiB) becomes the drive's quota. The types are checked against NAS's values and kept;
 * what Salvage has no use for (zones, networks, billing, keys, tags) is checked and
 * ignored (docs/nas.md). DryRun checks everything and creates nothing.
 */
export const createFileSystem = nasAction({
  parse,
  async run({ salvage, actor }, input) {
    const drive = {
      name: undefined,
      origin: 'nas' as const,
      description: input.description,
      totalSize: input.capacity === undefined ? undefined : quotaOfCapacity(input.capacity),
      protocolType: input.protocolType,
      storageType: input.storageType,
      fileSystemType: input.fileSystemType,
      clientToken: input.clientToken,
    };
    if (input.dryRun) {
      await salvage.drives.checkCreate(actor, drive);
      return { id: '' };
    }
    return salvage.drives.create(actor, drive);
  },
  // A dry run has no id to report: FileSystemId is the empty string.
  render: (drive) => ({ FileSystemId: drive.id }),
});
