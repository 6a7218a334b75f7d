import type { FastifyReply, FastifyRequest } from 'fastify';
import { asDomainError, type DomainError, type DomainErrorCode } from '../../core/errors.js';
import { retryAfterIfUnavailable } from '../retry-after.js';
import { BadTarget } from './target.js';
import { escapeXml, SALVAGE_NS, XML_HEAD, XmlBodyError } from './xml.js';

/** The realm of the Basic challenge; clients show it when they ask for a password. */
export const REALM = 'Salvage WebDAV';

/**
 * An answer the dialect gives as an error: a status, an RFC 4918 precondition or
 * postcondition element (`condition`, in DAV:) when one applies, and a sentence.
 */
export class DavError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly condition?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Each core error as a WebDAV status; the one place the dialect maps them. */
const STATUS: Record<DomainErrorCode, number | ((e: DomainError) => DavError)> = {
  InvalidParameter: 400,
  MissingParameter: 400,
  InvalidName: 400,
  InvalidPageToken: 400,
  DriveNotFound: 404,
  EntryNotFound: 404,
  // A destination folder that is not there: RFC 4918 9.8.5, 9.9.4.
  TargetNotFound: 409,
  JobNotFound: 404,
  UserNotFound: 404,
  UserExists: 409,
  UserOwnsDrives: 409,
  AccessKeyNotFound: 404,
  NameConflict: 412,
  InvalidMove: 403,
  QuotaExceeded: (e) => new DavError(507, e.message, 'quota-not-exceeded'),
  BinDisabled: 403,
  JobConflict: 409,
  TooManyRunningJobs: 409,
  JobNotCancellable: 409,
  IdempotencyMismatch: 409,
  Unauthenticated: (e) => new DavError(401, e.details.reason ?? 'the user name or password is wrong', undefined, { 'www-authenticate': `Basic realm="${REALM}", charset="UTF-8"` }),
  Forbidden: 403,
  ForbiddenDriveRole: (e) => new DavError(403, `the ${e.details.needRole} role on this drive is needed; you are ${e.details.role}`),
  UploadMismatch: 400,
  StoreUnavailable: 503,
  SignInThrottled: (e) => new DavError(429, 'too many failed sign-ins; try again later', undefined, { 'retry-after': String(e.details.retryAfterSec ?? 60) }),
  TooManyOpenUploads: 429,
  ResourceLocked: (e) => new DavError(423, `${e.details.name ?? 'the resource'} is locked`, 'lock-token-submitted'),
  RetentionLocked: 403,
  StorageFull: (e) => new DavError(507, e.message),
};

/** Any thrown value as the answer to give; undefined for a bug (answered 500, logged). */
export function asDavError(err: unknown): DavError | undefined {
  if (err instanceof DavError) return err;
  if (err instanceof XmlBodyError) return new DavError(400, `the XML body is not valid: ${err.message}`);
  if (err instanceof BadTarget) return new DavError(400, err.message);
  const domain = asDomainError(err);
  if (!domain) return undefined;
  const m = STATUS[domain.code];
  return typeof m === 'number' ? new DavError(m, domain.message) : m(domain);
}

/** The error answer: `<D:error>` with the condition, if any, and the sentence in Salvage's namespace. */
export function sendDavError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const dav = asDavError(err);
  if (!dav) {
    req.log.error({ err }, 'WebDAV request failed');
    return reply.code(500).type('application/xml; charset=utf-8').send(errorXml(new DavError(500, 'the server hit an internal error')));
  }
  if (dav.status === 503) retryAfterIfUnavailable(reply, 503);
  for (const [k, v] of Object.entries(dav.headers)) reply.header(k, v);
  if (req.method === 'HEAD' || dav.status === 304) return reply.code(dav.status).send();
  return reply.code(dav.status).type('application/xml; charset=utf-8').send(errorXml(dav));
}

const errorXml = (e: DavError): string =>
  `${XML_HEAD}<D:error xmlns:D="DAV:" xmlns:s="${SALVAGE_NS}">${e.condition ? `<D:${e.condition}/>` : ''}<s:message>${escapeXml(e.message)}</s:message></D:error>\n`;
