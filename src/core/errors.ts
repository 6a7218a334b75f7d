import type { DriveRole } from './types.js';

/**
 * Protocol-free errors thrown by the core. Each API dialect maps these codes to its own
 * status, code and message once, at its edge, from its own catalogue: the core never
 * speaks HTTP, never names a wire parameter and writes no text a client reads. Its
 * messages are for developers (logs, tests); the details say what a dialect needs.
 */
export type DomainErrorCode =
  | 'InvalidParameter' // an input is present but wrong: range, format, kind of entry
  | 'MissingParameter' // a required input is absent
  | 'InvalidName' // a name with '/', NUL, or longer than 1024 bytes
  | 'InvalidPageToken' // a page token this server did not issue, or tampered with
  | 'DriveNotFound'
  | 'EntryNotFound'
  | 'TargetNotFound' // the destination folder of a move or restore
  | 'JobNotFound'
  | 'UserNotFound'
  | 'UserExists' // a live user already has that name
  | 'UserOwnsDrives' // a user to delete still owns drives, and the request says nothing of them
  | 'AccessKeyNotFound'
  | 'NameConflict' // a live sibling already has that name (check_name_mode refuse)
  | 'InvalidMove' // into itself or its own subtree, or moving the root
  | 'QuotaExceeded'
  | 'BinDisabled'
  | 'JobConflict' // another restore/delete job runs for the same entry
  | 'TooManyRunningJobs' // another restore/delete/clear job runs on the drive
  | 'JobNotCancellable'
  | 'IdempotencyMismatch'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'ForbiddenDriveRole' // the actor sees the drive but their role on it is not enough for this; `id` is the drive, `needRole` what it takes
  | 'UploadMismatch' // declared and received sizes differ, or the upload is not open
  | 'StoreUnavailable' // the database cannot be reached right now; the request changed nothing and may be sent again
  | 'SignInThrottled' // too many failed sign-ins for the account, access key or address in the window; retryAfterSec says when to try again
  | 'TooManyOpenUploads' // the user has begun as many uploads as allowed without completing them; `max` is the limit
  | 'ResourceLocked' // a WebDAV lock held by another client (or not named by this request) covers the resource; `name` is its path
  | 'RetentionLocked' // a retention lock forbids it: `id` the drive, `itemId` and `until` the held item if one, `reason` otherwise
  | 'StorageFull'; // the server's disk (blobs or database) has no room left; nothing was kept, reads still work

/**
 * The input fields the core names in its errors: the property names of its own input
 * types. Each dialect's catalogue maps them to its wire names (`token` is PDS `marker`
 * and NAS `NextToken`; `limit` is PDS `limit` and NAS `MaxResults`).
 */
export type DomainField =
  | 'driveId'
  | 'fileId'
  | 'parentId'
  | 'targetId'
  | 'uploadId'
  | 'jobId'
  | 'name'
  | 'newName' // the name an entry takes where it is moved or copied to
  | 'path'
  | 'size'
  | 'parts'
  | 'after'
  | 'limit'
  | 'token'
  | 'reservedDays'
  | 'totalSize'
  | 'description'
  | 'ownerId'
  | 'clientToken'
  | 'username'
  | 'password'
  | 'refreshToken'
  | 'content'
  | 'userId'
  | 'userName'
  | 'nickName'
  | 'email'
  | 'role'
  | 'status'
  | 'oldPassword'
  | 'accessKeyId'
  | 'transferTo'
  | 'lockMode' // a retention lock's mode
  | 'lockDays' // a retention lock's minimum days
  | 'bypassLock'; // the admin's explicit bypass of a governance lock

export interface DomainErrorDetails {
  /** The input field the error is about, by the core's name for it. */
  field?: DomainField;
  /**
   * What is wrong with it, as a clause that follows the field's name and names no wire
   * parameter ("must be a directory"); a dialect may quote it in its own sentence.
   */
  reason?: string;
  /** The allowed range, for a number outside it; `max` is also a drive's quota in bytes. */
  min?: number;
  max?: number;
  /** The id the error is about (a drive, entry, upload or job id). */
  id?: string;
  /** The name the error is about, for NameConflict. */
  name?: string;
  /** The running job that blocks the request, for JobConflict and TooManyRunningJobs. */
  jobId?: string;
  /** The state of a job that cannot be cancelled. */
  state?: string;
  /** Part numbers an upload still lacks, for UploadMismatch at complete. */
  missingParts?: number[];
  /** The drives a user still owns, for UserOwnsDrives (the first few, oldest first). */
  drives?: { id: string; name: string }[];
  /** For ForbiddenDriveRole: the role the request needs on drive `id`, and the one the actor has. */
  needRole?: DriveRole;
  role?: DriveRole;
  /** For RetentionLocked: the bin item a lock holds, and until when (ms since the epoch). */
  itemId?: string;
  until?: number;
  /** Whole seconds until the same request may succeed, for SignInThrottled. */
  retryAfterSec?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (err: unknown): err is DomainError => err instanceof DomainError;

/**
 * How a lost or refused database connection shows itself: PostgreSQL's connection_exception
 * class (08...), a server shutting down or refusing connections (57P01-57P03), too many
 * connections (53300), and the socket errors and messages of node-postgres when the server
 * is unreachable or goes away mid-query. On SQLite: another process held the file's lock
 * for longer than the writer waits for it (SQLITE_BUSY..., SQLITE_LOCKED...; the writer
 * waits on its own thread, so the server goes on serving meanwhile).
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly)/;

/** Whether a driver error means the database is away for now, not that the request was wrong. */
export function isStoreUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^(08|SQLITE_BUSY|SQLITE_LOCKED)/.test(code))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/**
 * How a full disk shows itself: ENOSPC (or EDQUOT, a filesystem quota) from a file write,
 * SQLITE_FULL from SQLite ("database or disk is full"), PostgreSQL's disk_full (53100).
 * Nothing was kept; reads go on working, and deletes are what frees room.
 */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

export function isStorageFull(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code } = err as { code?: unknown };
  return typeof code === 'string' && FULL_CODES.has(code);
}

/** The server's disk has no room: the core's error for it. */
export const storageFull = (cause?: { message: string }): DomainError =>
  new DomainError('StorageFull', `the disk is full${cause ? `: ${cause.message}` : ''}`);

/**
 * The core's error for anything a dialect may be handed: a DomainError as it is, a lost
 * database as StoreUnavailable, a full disk as StorageFull; undefined for anything else (a bug, to be logged). Every
 * dialect maps errors through this once, so a database outage answers 503 in each.
 */
export function asDomainError(err: unknown): DomainError | undefined {
  if (isDomainError(err)) return err;
  if (isStoreUnavailable(err)) return new DomainError('StoreUnavailable', `the database is unavailable: ${(err as Error).message}`);
  if (isStorageFull(err)) return storageFull(err as Error);
  return undefined;
}

/** An input that is present but wrong: `reason` completes "<field> ...". */
export const invalidInput = (
  field: DomainField,
  reason: string,
  extra: Pick<DomainErrorDetails, 'min' | 'max' | 'id'> = {},
): DomainError =>
  new DomainError('InvalidParameter', `${field} ${reason}`, { field, reason, ...extra });

export const missingInput = (field: DomainField): DomainError =>
  new DomainError('MissingParameter', `${field} is required`, { field, reason: 'is required' });

/** An integer outside [min, max]. */
export const outOfRange = (field: DomainField, range: { min: number; max: number }): DomainError =>
  invalidInput(field, `must be an integer from ${range.min} to ${range.max}`, range);

/** Checks an integer input against the core's own bounds (a dialect's may be narrower). */
export function checkRange(field: DomainField, value: number, range: { min: number; max: number }): number {
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) throw outOfRange(field, range);
  return value;
}

/** The root folder of a drive stays where it is: `what` completes "cannot be ...". */
export const rootRefused = (what: string): DomainError =>
  new DomainError('InvalidMove', `the root folder cannot be ${what}`, {
    field: 'fileId',
    id: 'root',
    reason: `names the root folder, which cannot be ${what}`,
  });
