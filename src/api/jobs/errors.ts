import { asDomainError, type DomainError, type DomainErrorCode, type DomainField } from '../../core/errors.js';
import { sentence } from '../sentence.js';

/** A Jobs-dialect error on the wire: an HTTP status and VSP One Object's `{code, message, details}`. */
export interface JobsErrorBody {
  status: number;
  code: string;
  message: string;
  details: string;
  /** Sent as Retry-After (a throttled sign-in). */
  retryAfterSec?: number;
}

/** Errors the dialect itself raises: a body it cannot read, missing credentials, no such path. */
export class JobsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details = '',
  ) {
    super(message);
    this.name = 'JobsError';
  }
}

export const malformed = (field: string, why: string) =>
  new JobsError(400, 'InvalidRequest', `The request is malformed: ${field} ${why}.`, `parameter: ${field}`);
export const unauthorized = (why: string) => new JobsError(401, 'Unauthorized', 'Access was denied due to invalid credentials.', why);

/**
 * The Jobs name of each input the core names in its errors: the JSON fields, path and
 * query parameters of this dialect, and the core's own name for inputs it never sends.
 */
const JOBS_FIELD: Record<DomainField, string> = {
  driveId: 'driveId',
  jobId: 'jobId.id',
  reservedDays: 'reservedDays',
  username: 'username',
  password: 'password',
  limit: 'pageSize',
  token: 'token',
  fileId: 'fileId',
  parentId: 'parentId',
  targetId: 'targetId',
  uploadId: 'uploadId',
  name: 'name',
  newName: 'newName',
  path: 'path',
  size: 'size',
  parts: 'parts',
  after: 'after',
  totalSize: 'totalSize',
  description: 'description',
  ownerId: 'ownerId',
  clientToken: 'clientToken',
  refreshToken: 'refreshToken',
  content: 'content',
  // The user and access-key inputs (PDS only, issue 12), by the core's names.
  userId: 'userId',
  userName: 'userName',
  nickName: 'nickName',
  email: 'email',
  role: 'role',
  status: 'status',
  oldPassword: 'oldPassword',
  accessKeyId: 'accessKeyId',
  transferTo: 'transferTo',
  lockMode: 'recyclebinLock.mode',
  lockDays: 'recyclebinLock.minRetentionDays',
  bypassLock: 'bypassGovernanceRetention',
};

type Mapping = { status: number; code: string; message: (err: DomainError, field: string) => string };

const id = (err: DomainError): string => err.details.id ?? '';
const malformedBecause = (err: DomainError, field: string): string => {
  const what = field ? `${field} ${err.details.reason ?? 'is not valid'}` : (err.details.reason ?? 'it is not valid');
  return `The request is malformed: ${what}.`;
};

/**
 * Every core error code, once, with its status, Jobs-dialect code and message. SPEC
 * section 5 fixes three of them (400 bad body or not cancellable, 401, 404); the rest
 * follow HTTP usage. Typed over the whole union, so a new core code does not compile
 * until it is mapped.
 */
const DOMAIN_ERRORS: Record<DomainErrorCode, Mapping> = {
  InvalidParameter: { status: 400, code: 'InvalidRequest', message: malformedBecause },
  MissingParameter: { status: 400, code: 'InvalidRequest', message: (_, f) => `The request is malformed: ${f} is required.` },
  InvalidName: { status: 400, code: 'InvalidRequest', message: malformedBecause },
  InvalidPageToken: { status: 400, code: 'InvalidRequest', message: (_, f) => `The request is malformed: ${f} is not a page token this server issued.` },
  InvalidMove: { status: 400, code: 'InvalidRequest', message: malformedBecause },
  IdempotencyMismatch: {
    status: 400,
    code: 'InvalidRequest',
    message: () => 'The request uses the same client token as a previous, but non-identical request.',
  },
  UploadMismatch: { status: 400, code: 'InvalidRequest', message: malformedBecause },
  StoreUnavailable: { status: 503, code: 'ServiceUnavailable', message: () => 'The service is temporarily unavailable. Try again later.' },
  UserNotFound: { status: 400, code: 'InvalidRequest', message: (e) => `The user ${id(e)} does not exist.` },
  // The user and access-key operations are PDS paths; the Jobs dialect never meets these.
  UserExists: { status: 409, code: 'Conflict', message: (e) => `A user named ${e.details.name ?? ''} already exists.` },
  UserOwnsDrives: { status: 409, code: 'Conflict', message: (e) => `The user ${id(e)} still owns drives.` },
  AccessKeyNotFound: { status: 404, code: 'NotFound', message: (e) => `The access key ${id(e)} does not exist.` },
  JobNotCancellable: {
    status: 400,
    code: 'JobNotCancellable',
    message: (e) => `The job ${id(e)} is ${e.details.state ?? ''} and cannot be cancelled.`,
  },
  Unauthenticated: { status: 401, code: 'Unauthorized', message: (e) => sentence(e.details.reason ?? 'access was denied due to invalid credentials') },
  Forbidden: { status: 403, code: 'Forbidden', message: (e) => sentence(e.details.reason ?? 'you are not allowed to do this') },
  // A member of a shared drive whose role does not reach (docs/jobs-api.md).
  ForbiddenDriveRole: {
    status: 403,
    code: 'Forbidden',
    message: (e) => `This needs the ${e.details.needRole ?? 'owner'} role on drive ${id(e)}; yours is ${e.details.role ?? 'none'}.`,
  },
  // A drive's retention lock (docs/jobs-api.md): a bin item it holds, or a change it forbids.
  RetentionLocked: {
    status: 403,
    code: 'RetentionLocked',
    message: (e, f) =>
      e.details.itemId !== undefined
        ? `The item ${e.details.itemId} is held by the retention lock of drive ${id(e)} until ${new Date(e.details.until ?? 0).toISOString()}.`
        : `The retention lock of drive ${id(e)} forbids this: ${f} ${e.details.reason ?? 'is not allowed'}.`,
  },
  // WebDAV locks are only checked by the WebDAV dialect; listed so the catalogue is whole.
  ResourceLocked: { status: 423, code: 'Locked', message: (e) => `${e.details.name ?? 'The resource'} is locked.` },
  BinDisabled: { status: 403, code: 'RecycleBinDisabled', message: (e) => `The recycle bin of drive ${id(e)} is disabled.` },
  DriveNotFound: { status: 404, code: 'DriveNotFound', message: (e) => `The specified drive ${id(e)} does not exist.` },
  EntryNotFound: { status: 404, code: 'NotFound', message: (e) => `The specified file ${id(e)} does not exist.` },
  TargetNotFound: { status: 404, code: 'NotFound', message: (e) => `The specified folder ${id(e)} does not exist.` },
  JobNotFound: { status: 404, code: 'JobNotFound', message: (e) => `The specified JobId(${id(e)}) does not exist.` },
  NameConflict: { status: 409, code: 'Conflict', message: (e) => `A file or folder named ${e.details.name ?? ''} already exists.` },
  JobConflict: { status: 409, code: 'Conflict', message: (e) => `The operation is in conflict with job ${e.details.jobId ?? ''}.` },
  TooManyRunningJobs: {
    status: 409,
    code: 'Conflict',
    message: (e) => `Job ${e.details.jobId ?? ''} is running on this drive, and only one runs at a time.`,
  },
  QuotaExceeded: { status: 413, code: 'QuotaExceeded', message: (e) => `The drive ${id(e)} has no room for this file.` },
  // Uploads are PDS paths; the Jobs dialect never meets this one.
  TooManyOpenUploads: { status: 409, code: 'Conflict', message: () => 'Too many uploads are begun and not completed.' },
  StorageFull: { status: 507, code: 'InsufficientStorage', message: () => 'The server has no storage space left. Free space, or try again later.' },
  // Sent with Retry-After: the seconds until the oldest failure of the window leaves it.
  SignInThrottled: {
    status: 429,
    code: 'TooManyRequests',
    message: (e) => `Too many failed sign-ins; try again in ${e.details.retryAfterSec ?? 60} seconds.`,
  },
};

/** A core error code stored with a job (a failed item's), as this dialect names it. */
export const jobsCodeOf = (code: string): string => (Object.hasOwn(DOMAIN_ERRORS, code) ? DOMAIN_ERRORS[code as DomainErrorCode].code : code);

/** `details` is a string in the vendor's schema: what the error is about, as `key: value` pairs. */
function detailsOf(err: DomainError, field: string): string {
  const d = err.details;
  const parts = [
    field && `parameter: ${field}`,
    d.id && `id: ${d.id}`,
    d.state && `state: ${d.state}`,
    d.jobId && `running job: ${d.jobId}`,
    d.needRole && `needed role: ${d.needRole}`,
    d.role && `role: ${d.role}`,
    d.itemId && `item: ${d.itemId}`,
    d.until !== undefined && `until: ${new Date(d.until).toISOString()}`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** Fastify's own refusals that can reach the dialect: a body it would not read. */
function frameworkError(err: { code?: unknown; statusCode?: unknown; message?: unknown }): JobsErrorBody | undefined {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 400, code: 'InvalidRequest', message: 'The request body is too large.', details: 'at most 64 KiB' };
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: 400, code: 'InvalidRequest', message: 'The request is not valid.', details: '' };
  }
  return undefined;
}

/** Any error as the Jobs answer; undefined for an unexpected one (a 500 without internals). */
export function toJobsError(err: unknown): JobsErrorBody | undefined {
  if (err instanceof JobsError) return { status: err.status, code: err.code, message: err.message, details: err.details };
  const domain = asDomainError(err);
  if (domain) {
    const m = DOMAIN_ERRORS[domain.code];
    const field = domain.details.field === undefined ? '' : JOBS_FIELD[domain.details.field];
    return {
      status: m.status,
      code: m.code,
      message: m.message(domain, field),
      details: detailsOf(domain, field),
      ...(domain.details.retryAfterSec !== undefined && { retryAfterSec: domain.details.retryAfterSec }),
    };
  }
  if (typeof err === 'object' && err !== null) return frameworkError(err);
  return undefined;
}
