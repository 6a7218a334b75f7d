import { type DomainError, type DomainErrorCode, isDomainError } from '../../core/errors.js';

/** What a PDS error looks like on the wire: an HTTP status and `{code, message}`. */
export interface PdsErrorBody {
  status: number;
  code: string;
  message: string;
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

type Mapping = { status: number; code: string; message?: (err: DomainError) => string };

/**
 * Every core error code, once: its HTTP status and PDS code. The message is the core's
 * (it names the parameter or id) unless a PDS wording is given. Typed over the whole
 * union, so a new core code does not compile until it is mapped here.
 */
const DOMAIN_ERRORS: Record<DomainErrorCode, Mapping | ((err: DomainError) => Mapping)> = {
  InvalidParameter: { status: 400, code: 'InvalidParameter' },
  MissingParameter: { status: 400, code: 'InvalidParameterMissing' },
  IllegalCharacters: { status: 400, code: 'InvalidParameterWrongFormat' },
  InvalidName: { status: 400, code: 'InvalidParameter' },
  InvalidPageToken: { status: 400, code: 'InvalidParameter' }, // SPEC section 2: a forged marker
  DriveNotFound: { status: 404, code: 'NotFound.Drive' },
  EntryNotFound: { status: 404, code: 'NotFound.File' },
  TargetNotFound: { status: 404, code: 'NotFound.File' },
  JobNotFound: {
    status: 404,
    code: 'NotFound.AsyncTask',
    message: (err) => `The resource async_task ${err.details.id ?? ''} cannot be found.`,
  },
  // Only admin names another owner, so this reveals nothing; it is the owner field that is wrong.
  UserNotFound: { status: 400, code: 'InvalidParameter' },
  NameConflict: { status: 409, code: 'AlreadyExist.File' },
  InvalidMove: { status: 400, code: 'InvalidParameter' },
  QuotaExceeded: { status: 413, code: 'QuotaExhausted.Drive' },
  BinDisabled: { status: 403, code: 'Forbidden.RecycleBinDisabled' },
  // PDS queues jobs behind each other (policy 'queue'), so these two are not expected here.
  JobConflict: { status: 409, code: 'StateConflict' },
  TooManyRunningJobs: { status: 409, code: 'StateConflict' },
  JobNotCancellable: { status: 409, code: 'StateConflict' },
  IdempotencyMismatch: { status: 400, code: 'InvalidParameterNotMatch' },
  Unauthenticated: { status: 401, code: 'AccessTokenInvalid' },
  Forbidden: { status: 403, code: 'ForbiddenNoPermission' },
  // A size that differs from the one announced is the client's parameter; an upload past
  // the step asked for (URL used twice, complete before content) is a state conflict.
  UploadMismatch: (err) =>
    err.details.param ? { status: 400, code: 'InvalidParameterNotMatch' } : { status: 409, code: 'StateConflict' },
};

/** A core error code as PDS names it (async tasks report their error codes this way). */
export function pdsCodeOf(code: string): string {
  if (!Object.hasOwn(DOMAIN_ERRORS, code)) return code;
  const entry = DOMAIN_ERRORS[code as DomainErrorCode];
  return typeof entry === 'function' ? 'StateConflict' : entry.code;
}

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
  if (isDomainError(err)) {
    const entry = DOMAIN_ERRORS[err.code];
    const m = typeof entry === 'function' ? entry(err) : entry;
    const message = m.message ? m.message(err) : err.message;
    // The field is always named (SPEC section 4), even where the core's wording does not.
    const param = err.details.param;
    return { status: m.status, code: m.code, message: param && !message.includes(param) ? `${message} (field ${param})` : message };
  }
  if (typeof err === 'object' && err !== null) return frameworkError(err);
  return undefined;
}
