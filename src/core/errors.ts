/**
 * Protocol-free errors thrown by the core. Each API dialect maps these codes to its own
 * status, code and message once, at its edge; the core never speaks HTTP.
 */
export type DomainErrorCode =
  | 'InvalidParameter' // a parameter is present but wrong: type, range, format
  | 'MissingParameter' // a required parameter is absent
  | 'IllegalCharacters' // an id with characters outside [A-Za-z0-9._-]
  | 'InvalidName' // a name with '/', NUL, or longer than 1024 bytes
  | 'InvalidPageToken' // a page token this server did not issue, or tampered with
  | 'DriveNotFound'
  | 'EntryNotFound'
  | 'TargetNotFound' // the destination folder of a move or restore
  | 'JobNotFound'
  | 'UserNotFound'
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
  | 'UploadMismatch'; // declared and received sizes differ, or the upload is not open

export interface DomainErrorDetails {
  /** The parameter the error is about, named as the caller named it where possible. */
  param?: string;
  /** The id the error is about (a drive, entry or job id). */
  id?: string;
  /** The running job that blocks the request, for JobConflict. */
  jobId?: string;
  /** The state of a job that cannot be cancelled. */
  state?: string;
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

export const invalidParameter = (param: string, why: string): DomainError =>
  new DomainError('InvalidParameter', `The parameter ${param} ${why}.`, { param });

export const missingParameter = (param: string): DomainError =>
  new DomainError('MissingParameter', `The parameter ${param} is required.`, { param });
