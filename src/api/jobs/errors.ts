import { type DomainError, type DomainErrorCode, isDomainError } from '../../core/errors.js';

/** A Jobs-dialect error on the wire: an HTTP status and VSP One Object's `{code, message, details}`. */
export interface JobsErrorBody {
  status: number;
  code: string;
  message: string;
  details: string;
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

type Mapping = { status: number; code: string };

/**
 * Every core error code, once, with its status and Jobs-dialect code. SPEC section 5 fixes
 * three of them (400 bad body or not cancellable, 401, 404); the rest follow HTTP usage.
 * Typed over the whole union, so a new core code does not compile until it is mapped.
 */
const DOMAIN_ERRORS: Record<DomainErrorCode, Mapping> = {
  InvalidParameter: { status: 400, code: 'InvalidRequest' },
  MissingParameter: { status: 400, code: 'InvalidRequest' },
  IllegalCharacters: { status: 400, code: 'InvalidRequest' },
  InvalidName: { status: 400, code: 'InvalidRequest' },
  InvalidPageToken: { status: 400, code: 'InvalidRequest' },
  InvalidMove: { status: 400, code: 'InvalidRequest' },
  IdempotencyMismatch: { status: 400, code: 'InvalidRequest' },
  UploadMismatch: { status: 400, code: 'InvalidRequest' },
  UserNotFound: { status: 400, code: 'InvalidRequest' },
  JobNotCancellable: { status: 400, code: 'JobNotCancellable' },
  Unauthenticated: { status: 401, code: 'Unauthorized' },
  Forbidden: { status: 403, code: 'Forbidden' },
  BinDisabled: { status: 403, code: 'RecycleBinDisabled' },
  DriveNotFound: { status: 404, code: 'DriveNotFound' },
  EntryNotFound: { status: 404, code: 'NotFound' },
  TargetNotFound: { status: 404, code: 'NotFound' },
  JobNotFound: { status: 404, code: 'JobNotFound' },
  NameConflict: { status: 409, code: 'Conflict' },
  JobConflict: { status: 409, code: 'Conflict' },
  TooManyRunningJobs: { status: 409, code: 'Conflict' },
  QuotaExceeded: { status: 413, code: 'QuotaExceeded' },
};

/** `details` is a string in the vendor's schema: what the error is about, as `key: value` pairs. */
function detailsOf(err: DomainError): string {
  const d = err.details;
  const parts = [
    d.param && `parameter: ${d.param}`,
    d.id && `id: ${d.id}`,
    d.state && `state: ${d.state}`,
    d.jobId && `running job: ${d.jobId}`,
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
  if (isDomainError(err)) {
    const m = DOMAIN_ERRORS[err.code];
    return { status: m.status, code: m.code, message: err.message, details: detailsOf(err) };
  }
  if (typeof err === 'object' && err !== null) return frameworkError(err);
  return undefined;
}
