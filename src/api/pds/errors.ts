import { asDomainError, DomainError, type DomainErrorCode, type DomainField } from '../../core/errors.js';
import { sentence } from '../sentence.js';
import { iso } from './render/time.js';

/** What a PDS error looks like on the wire: an HTTP status and `{code, message}`. */
export interface PdsErrorBody {
  status: number;
  code: string;
  message: string;
  /** Sent as Retry-After (a throttled sign-in). */
  retryAfterSec?: number;
}

/** Errors the dialect itself raises (bad JSON, bad fields, no credentials, unknown path). */
export class PdsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PdsError';
  }
}

// PDS's own message templates (its error handling page), with the field named.
export const missing = (field: string) => new PdsError(400, 'InvalidParameterMissing', `The input parameter ${field} is missing.`);
export const invalid = (field: string, why: string) =>
  new PdsError(400, 'InvalidParameter', `The input parameter ${field} is not valid: ${why}.`);
export const outOfRange = (field: string, why: string) =>
  new PdsError(400, 'InvalidParameterOutOfRange', `The input parameter ${field} doesn't match the limitation: ${why}.`);
export const wrongFormat = (field: string, why: string) =>
  new PdsError(400, 'InvalidParameterWrongFormat', `The input parameter ${field} has invalid format: ${why}.`);
export const badJson = (why: string) => new PdsError(400, 'InvalidRequestJSONFormat', `The input parameter body is invalid Json format: ${why}.`);
export const accessTokenInvalid = (why: string) => new PdsError(401, 'AccessTokenInvalid', why);

/**
 * The PDS name of each input the core names in its errors. `name` is a file's name; the
 * drive operations check `drive_name` themselves before the core sees it.
 */
const PDS_FIELD: Record<DomainField, string> = {
  driveId: 'drive_id',
  fileId: 'file_id',
  parentId: 'parent_file_id',
  // The destination folder of a move or copy.
  targetId: 'to_parent_file_id',
  uploadId: 'upload_id',
  jobId: 'async_task_id',
  name: 'name',
  newName: 'new_name',
  path: 'file_path',
  size: 'size',
  parts: 'part_info_list',
  after: 'part_number_marker',
  limit: 'limit',
  token: 'marker',
  reservedDays: 'reserved_days',
  totalSize: 'total_size',
  description: 'description',
  ownerId: 'owner',
  clientToken: 'client_token',
  username: 'username',
  password: 'password',
  refreshToken: 'refresh_token',
  content: 'body',
  userId: 'user_id',
  userName: 'user_name',
  nickName: 'nick_name',
  email: 'email',
  role: 'role',
  status: 'status',
  oldPassword: 'old_password',
  accessKeyId: 'access_key_id',
  transferTo: 'transfer_to_user_id',
  lockMode: 'recyclebin_lock.mode',
  lockDays: 'recyclebin_lock.min_retention_days',
  bypassLock: 'bypass_governance_retention',
};

type Mapping = { status: number; code: string; message: (err: DomainError, field: string) => string };

const id = (err: DomainError): string => err.details.id ?? '';
const article = (role: string | undefined): string => (role === undefined ? 'not a member' : `${role === 'editor' ? 'an' : 'a'} ${role}`);

/** The core's reason for a refusal, after the field's PDS name, or as a sentence of its own. */
const because = (err: DomainError, field: string, otherwise: string): string => {
  const { reason } = err.details;
  if (reason === undefined) return otherwise;
  return field ? `The input parameter ${field} ${reason}.` : sentence(reason);
};

/**
 * Every core error code, once: its HTTP status, PDS code and message (PDS's own templates,
 * naming the field by its PDS name and filling in the id). Typed over the whole union, so
 * a new core code does not compile until it is mapped here.
 */
const DOMAIN_ERRORS: Record<DomainErrorCode, Mapping | ((err: DomainError) => Mapping)> = {
  InvalidParameter: { status: 400, code: 'InvalidParameter', message: (e, f) => because(e, f, `The input parameter ${f} is not valid.`) },
  MissingParameter: { status: 400, code: 'InvalidParameterMissing', message: (_, f) => `The input parameter ${f} is missing.` },
  InvalidName: { status: 400, code: 'InvalidParameter', message: (e, f) => because(e, f, `The input parameter ${f} is not a valid name.`) },
  // SPEC section 2: a forged marker.
  InvalidPageToken: { status: 400, code: 'InvalidParameter', message: (_, f) => `The specified ${f} is invalid.` },
  DriveNotFound: { status: 404, code: 'NotFound.Drive', message: (e) => `The specified drive ${id(e)} does not exist.` },
  EntryNotFound: { status: 404, code: 'NotFound.File', message: (e) => `The specified file ${id(e)} does not exist.` },
  TargetNotFound: { status: 404, code: 'NotFound.File', message: (e) => `The specified folder ${id(e)} does not exist.` },
  JobNotFound: { status: 404, code: 'NotFound.AsyncTask', message: (e) => `The resource async_task ${id(e)} cannot be found.` },
  // Only admin names another owner (or a user to hand drives to), so this reveals
  // nothing; it is that field that is wrong. The user paths name the user themself: 404.
  UserNotFound: (err) =>
    err.details.field === 'userId'
      ? { status: 404, code: 'NotFound.User', message: (e) => `The resource user ${id(e)} cannot be found.` }
      : { status: 400, code: 'InvalidParameter', message: (e) => `The user ${id(e)} does not exist.` },
  UserExists: { status: 409, code: 'AlreadyExist.User', message: (e) => `The user named ${e.details.name ?? ''} already exists.` },
  UserOwnsDrives: {
    status: 409,
    code: 'StateConflict',
    message: (e) =>
      `The user ${id(e)} still owns drives: ${(e.details.drives ?? []).map((d) => `${d.name} (${d.id})`).join(', ')}. ` +
      'Send drive_policy "transfer" with transfer_to_user_id, or drive_policy "delete".',
  },
  AccessKeyNotFound: { status: 404, code: 'NotFound.AccessKey', message: (e) => `The resource access_key ${id(e)} cannot be found.` },
  NameConflict: { status: 409, code: 'AlreadyExist.File', message: (e) => `A file or folder named ${e.details.name ?? ''} already exists.` },
  InvalidMove: { status: 400, code: 'InvalidParameter', message: (e, f) => because(e, f, `The input parameter ${f} is not valid.`) },
  QuotaExceeded: { status: 413, code: 'QuotaExhausted.Drive', message: (e) => `The drive ${id(e)} has no room for this file (quota ${e.details.max ?? ''} bytes).` },
  TooManyOpenUploads: {
    status: 409,
    code: 'QuotaExhausted.OpenUploads',
    message: (e) => `You have ${e.details.max ?? ''} uploads begun and not completed, the most allowed; complete or delete some first.`,
  },
  // The server's disk, not the drive's quota: nothing was kept; reads and deletes still work.
  StorageFull: { status: 507, code: 'InsufficientStorage', message: () => 'The server has no storage space left. Free space, or try again later.' },
  // A drive's retention lock (docs/pds.md, Retention lock): a bin item it holds, or a change it forbids.
  RetentionLocked: {
    status: 403,
    code: 'Forbidden.RetentionLocked',
    message: (e, f) =>
      e.details.itemId !== undefined
        ? `The file ${e.details.itemId} is held by the retention lock of drive ${id(e)} until ${iso(e.details.until ?? 0)}.`
        : because(e, f, `The retention lock of drive ${id(e)} forbids this.`),
  },
  // WebDAV locks are only checked by the WebDAV dialect; listed so the catalogue is whole.
  ResourceLocked: { status: 423, code: 'Locked', message: (e) => `${e.details.name ?? 'The resource'} is locked.` },
  BinDisabled: { status: 403, code: 'Forbidden.RecycleBinDisabled', message: (e) => `The recycle bin of drive ${id(e)} is disabled.` },
  // PDS queues jobs behind each other (policy 'queue'), so these two are not expected here.
  JobConflict: { status: 409, code: 'StateConflict', message: (e) => `The operation is in conflict with async_task ${e.details.jobId ?? ''}.` },
  TooManyRunningJobs: { status: 409, code: 'StateConflict', message: (e) => `The operation is in conflict with async_task ${e.details.jobId ?? ''}.` },
  JobNotCancellable: { status: 409, code: 'StateConflict', message: (e) => `The async_task ${id(e)} is ${e.details.state ?? ''} and cannot be cancelled.` },
  IdempotencyMismatch: {
    status: 400,
    code: 'InvalidParameterNotMatch',
    message: () => 'The request uses the same client token as a previous, but non-identical request.',
  },
  Unauthenticated: { status: 401, code: 'AccessTokenInvalid', message: (e) => because(e, '', 'The access token is invalid or expired.') },
  Forbidden: { status: 403, code: 'ForbiddenNoPermission', message: (e, f) => because(e, f, 'You are not allowed to do this.') },
  // A member of a shared drive whose role does not reach (docs/pds.md, Members and roles).
  ForbiddenDriveRole: {
    status: 403,
    code: 'ForbiddenNoPermission',
    message: (e) => `This needs the ${e.details.needRole ?? 'owner'} role on drive ${id(e)}; you are ${article(e.details.role)}.`,
  },
  // A size that differs from the one announced is the client's parameter; an upload past
  // the step asked for (URL used twice, complete before content) is a state conflict.
  UploadMismatch: (err) =>
    err.details.field
      ? { status: 400, code: 'InvalidParameterNotMatch', message: (e, f) => because(e, f, `The input parameter ${f} does not match the upload.`) }
      : { status: 409, code: 'StateConflict', message: (e) => because(e, '', 'The upload is not open.') },
  // Sent with Retry-After (see index.ts): nothing changed, the same request may be sent again.
  StoreUnavailable: { status: 503, code: 'ServiceUnavailable', message: () => 'The service is temporarily unavailable. Try again later.' },
  // Sent with Retry-After: the seconds until the oldest failure of the window leaves it.
  SignInThrottled: {
    status: 429,
    code: 'TooManyRequests',
    message: (e) => `Too many failed sign-ins; try again in ${e.details.retryAfterSec ?? 60} seconds.`,
  },
};

/**
 * A core error code as PDS names it, with the HTTP status the same error answers a
 * request with (async tasks report their errors this way). A code outside the catalogue
 * (a job's InternalError) keeps its name, with status 500.
 */
export function pdsErrorOf(code: string): { code: string; status: number } {
  if (!Object.hasOwn(DOMAIN_ERRORS, code)) return { code, status: 500 };
  const entry = DOMAIN_ERRORS[code as DomainErrorCode];
  const mapping = typeof entry === 'function' ? entry(new DomainError(code as DomainErrorCode, '')) : entry;
  return { code: mapping.code, status: mapping.status };
}

/** A core error code as PDS names it. */
export const pdsCodeOf = (code: string): string => pdsErrorOf(code).code;

/** Fastify's own errors that can reach the dialect: bodies it would not read. */
function frameworkError(err: { code?: unknown; statusCode?: unknown }): PdsErrorBody | undefined {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 400, code: 'InvalidParameterOutOfRange', message: 'The input parameter body doesn\'t match the limitation: at most 1 MiB.' };
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 400, code: 'InvalidParameter', message: 'The input parameter Content-Type is not valid: not a media type.' };
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: 400, code: 'InvalidParameter', message: 'The request is not valid.' };
  }
  return undefined;
}

/** Any error as the PDS answer; undefined for an unexpected one (a 500 without internals). */
export function toPdsError(err: unknown): PdsErrorBody | undefined {
  if (err instanceof PdsError) return { status: err.status, code: err.code, message: err.message };
  const domain = asDomainError(err);
  if (domain) {
    const entry = DOMAIN_ERRORS[domain.code];
    const m = typeof entry === 'function' ? entry(domain) : entry;
    const field = domain.details.field === undefined ? '' : PDS_FIELD[domain.details.field];
    const message = m.message(domain, field);
    // The field is always named (SPEC section 4), even where the template does not.
    return {
      status: m.status,
      code: m.code,
      message: field && !message.includes(field) ? `${message} (field ${field})` : message,
      ...(domain.details.retryAfterSec !== undefined && { retryAfterSec: domain.details.retryAfterSec }),
    };
  }
  if (typeof err === 'object' && err !== null) return frameworkError(err);
  return undefined;
}
