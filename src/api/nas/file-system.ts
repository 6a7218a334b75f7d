/** What NAS's file system parameters may be, by FileSystemType (the SDK's CreateFileSystem docs). */
export const FILE_SYSTEM_TYPES = ['standard', 'extreme', 'cpfs'] as const;
export type FileSystemType = (typeof FILE_SYSTEM_TYPES)[number];

export const PROTOCOL_TYPES_OF: Record<FileSystemType, readonly string[]> = {
  standard: ['NFS', 'SMB'],
  extreme: ['NFS'],
  cpfs: ['cpfs'],
};

export const STORAGE_TYPES_OF: Record<FileSystemType, readonly string[]> = {
  standard: ['Performance', 'Capacity', 'Premium'],
  extreme: ['standard', 'advance'],
  cpfs: ['advance_100', 'advance_200'],
};

const GiB = 1024 ** 3;

/**
 * The largest General-purpose NAS file system, 10 PiB in GiB: what a file system without
 * a quota reports as its Capacity (NAS never answers -1).
 */
export const UNLIMITED_CAPACITY_GIB = 10 * 1024 * 1024;

/** A drive's quota (bytes, -1 for none) as NAS's Capacity in GiB, rounded down. */
export const fileSystemCapacityGiB = (totalSize: number): number =>
  totalSize < 0 ? UNLIMITED_CAPACITY_GIB : Math.floor(totalSize / GiB);

/** NAS's Capacity (GiB) as a drive's quota in bytes. */
export const quotaOfCapacity = (capacityGiB: number): number => capacityGiB * GiB;
