import type { BinFilter } from '../store/repositories/bin-filter.js';

/** The domain objects every dialect renders. Times are milliseconds since the epoch. */

export type EntryType = 'file' | 'folder';

export interface Entry {
  driveId: string;
  id: string;
  parentId: string | null;
  name: string;
  type: EntryType;
  size: number;
  contentType: string;
  contentHash: string;
  blobId: string | null;
  status: 'available' | 'uploading';
  createdBy: string;
  /** The user who last created, renamed, moved, uploaded or restored it. */
  modifiedBy: string;
  createdAt: number;
  updatedAt: number;
  accessedAt: number;
  changedAt: number;
  treeBytes: number;
  treeCount: number;
  trashedAt: number | null;
  trashedBy: string | null;
  origParentId: string | null;
  origPath: string | null;
  purgeJobId: number | null;
  /** The queued restore that has claimed this bin item, if any. */
  restoreJobId: number | null;
  /** On a bin item: the trash call that removed it, shared by everything that call removed. */
  deletionEventId: string | null;
}

/**
 * The names of the users an entry's ids point at (createdBy, modifiedBy, trashedBy), as
 * answers show them: the user name, the one they had if they were deleted since.
 */
export interface ActorNames {
  createdByName: string;
  modifiedByName: string;
  /** Null unless the entry is a bin item (trashedBy set). */
  trashedByName: string | null;
}

/** An entry as answers show it: with who created, last modified and trashed it, by name. */
export type NamedEntry = Entry & ActorNames;

/** A bin item as listed: the trash root and when it expires. */
export interface BinItem extends Entry {
  trashedAt: number;
  /** Seconds until retention purges it; null while the bin is disabled. */
  autoDeleteLeftSec: number | null;
}

/**
 * A minimum time every bin item of a drive is kept, as S3 Object Lock's modes: under
 * `governance` an admin may still purge early by saying so (the bypass); under
 * `compliance` nobody may, and the lock can only be lengthened.
 */
export interface RetentionLock {
  mode: 'governance' | 'compliance';
  /** Days from an item's trash time before it may be purged: 1 to the bin's ReservedDays. */
  minDays: number;
}

export interface Drive {
  id: string;
  name: string;
  ownerId: string;
  description: string;
  totalSize: number;
  usedSize: number;
  binBytes: number;
  binEnabled: boolean;
  reservedDays: number;
  binEnabledAt: number | null;
  binHiddenBefore: number | null;
  /** The bin's retention lock, if one is set (recycle-bin/retention-lock.ts). */
  lock: RetentionLock | null;
  origin: 'pds' | 'nas';
  fileSystemType: string;
  protocolType: string;
  storageType: string;
  status: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * How far a user may use a drive (issue 12 item 3), each role allowing all the one before
 * it does: a viewer lists, searches, downloads and browses the bin; an editor also
 * uploads, makes folders, renames, moves, copies, trashes and restores; the owner also
 * deletes permanently, empties the bin, changes its settings, shares the drive, and
 * updates or deletes it. Admins have the owner's rights on every drive.
 */
export type DriveRole = 'viewer' | 'editor' | 'owner';

/** The roles a drive is shared with; the owner is the drive's own. */
export type MemberRole = Exclude<DriveRole, 'owner'>;

/** A drive as one actor sees it: with the role they have on it. */
export interface SeenDrive extends Drive {
  role: DriveRole;
}

/** Someone a drive is shared with (or its owner, as the member list shows them). */
export interface DriveMember {
  userId: string;
  userName: string;
  nickName: string;
  role: DriveRole;
  /** When they were added; the owner's is the drive's creation. */
  addedAt: number;
}

/** What each job type carries, typed per type (stored as JSON in the job row). */
export interface JobParamsByType {
  restore: {
    /** NAS TargetFileId: the live folder to restore into; null for the original place. */
    targetId: string | null;
    /** Where the item went, once restored (the web UI's restore report reads these). */
    restoredId?: string;
    restoredName?: string;
    restoredParentId?: string | null;
  };
  /** wholeDrive: the drive itself is being deleted (its live tree, then its bin). */
  delete: { wholeDrive?: boolean; bypassLock?: boolean };
  /**
   * Everything trashed up to `cutoff` is purged, but for what a retention lock holds
   * (unless `bypassLock`, an admin's governance bypass): those items are reported as
   * failed, `reported` being the last one (by trash time, then id) so a resumed job goes on after it.
   */
  clear: { cutoff: number; bypassLock?: boolean; reported?: { trashedAt: number; id: string } };
  /** The retention the drive had when the job was queued (informational). */
  expire: { reservedDays: number };
  /** Every bin item a search finds, brought back (recycle-bin/bulk.ts). */
  restore_all: BulkParams;
  /** Every bin item a search finds, purged; `current` is the one being purged now. */
  delete_all: BulkParams & { bypassLock?: boolean; current?: string };
  /**
   * A folder's copy, filled in batches: `stack` holds the folders being copied, outermost
   * first (the last is worked on), each with the last child done; it commits with each batch.
   */
  copy: { sourceId: string; copyId: string; stack: CopyFrame[] };
}

/**
 * What a bulk job works on: the bin items matching `filter` (null: all) trashed at or
 * before `cutoff` (the job's creation), oldest first; `after` is the last one handled, so
 * a resumed job goes on after it and a failed item is not met twice.
 */
export interface BulkParams {
  filter: BinFilter | null;
  cutoff: number;
  after?: { trashedAt: number; id: string };
}

/** One folder of a copy in progress: the source, its copy, and the last child copied (by name, then id). */
export interface CopyFrame {
  src: string;
  dst: string;
  after?: { name: string; id: string };
}

/** Every job type; at most one job of any type runs per drive. */
export type JobType = keyof JobParamsByType;
export type JobState = 'queued' | 'running' | 'succeeded' | 'partially_succeeded' | 'failed' | 'cancelled';
export type JobPhase = '' | 'listing' | 'applying' | 'finishing';

export const FINISHED_STATES: readonly JobState[] = ['succeeded', 'partially_succeeded', 'failed', 'cancelled'];

/**
 * A job state for a listing's filter, optionally narrowed to some phases: a running job's
 * phase says how far it got, and a dialect may name those stages apart.
 */
export type JobStateMatch = JobState | { state: JobState; phases: readonly JobPhase[] };

interface JobFields {
  id: number;
  driveId: string;
  state: JobState;
  phase: JobPhase;
  cancelRequested: boolean;
  targetId: string | null;
  targetName: string | null;
  total: number;
  processed: number;
  failed: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdBy: string;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  attempts: number;
}

/** A job; `type` tells the shape of `params`. */
export type Job<T extends JobType = JobType> = {
  [K in T]: JobFields & { type: K; params: JobParamsByType[K] };
}[T];

/** A job as answers show it: with the name of the user who created it (see ActorNames). */
export type NamedJob = Job & { createdByName: string };

export type UserStatus = 'enabled' | 'disabled';

export interface User {
  id: string;
  name: string;
  isAdmin: boolean;
  createdAt: number;
  nickName: string;
  email: string;
  /** Only an enabled user's tokens, sessions and access keys work. */
  status: UserStatus;
  /** The drive made with the user, if any. */
  defaultDriveId: string | null;
}

/** An access key as listed: never its secret. */
export interface AccessKey {
  id: string;
  userId: string;
  status: UserStatus;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * Where a request came from, as the audit trail records it. The CLI and the web UI speak
 * PDS and the Jobs API, and say so in a header (see api/client-dialect.ts); `retention` is
 * Salvage itself; `internal` a call made in-process with no dialect (setup tools, tests).
 */
export type Dialect = 'pds' | 'nas' | 'jobs' | 'cli' | 'ui' | 'webdav' | 'retention' | 'internal';

/** Who is asking. A user sees the drives they own or are a member of; admin sees all. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
  /** The dialect the request came in by, for the audit trail; absent: `internal`. */
  via?: Dialect;
}

/** A page of results and the opaque token for the next one ('' on the last page). */
export interface Page<T> {
  items: T[];
  nextToken: string;
}
