import { asDomainError, DomainError, type DomainErrorCode, type DomainField } from '../../core/errors.js';
import { sentence } from '../sentence.js';
import { nasStatusName } from './job-status.js';

/** What an error message may name: the parameter, the id, the job in the way, a state. */
export interface NasErrorDetails {
  param?: string;
  id?: string;
  jobId?: string;
  state?: string;
  /** A sentence that says more than the catalogue's template (e.g. the allowed range). */
  reason?: string;
  /** Sent as Retry-After (a throttled signature check). */
  retryAfterSec?: number;
}

interface CatalogueEntry {
  status: number;
  message: (d: NasErrorDetails) => string;
}

const mandatory = (param: string): CatalogueEntry => ({ status: 400, message: () => `${param} is mandatory for this action.` });
const protocolPart = (part: string): CatalogueEntry => ({
  status: 400,
  message: () => `The input parameter "${part}" that is mandatory for processing this request is not supplied.`,
});
const notFound = (param: string): CatalogueEntry => ({
  status: 404,
  message: (d) => `The specified ${param}(${d.id ?? ''}) does not exist.`,
});

/**
 * Every error the NAS dialect answers, with its HTTP status and vendor-style message
 * (SPEC section 3 and the NAS API pages). The one place where codes, statuses and texts live.
 */
const catalogue = {
  // Parameters of the actions.
  IllegalCharacters: { status: 400, message: (d) => `The parameter ${d.param ?? ''} contains illegal characters.` },
  MissingFileSystemId: mandatory('FileSystemId'),
  MissingFileId: mandatory('FileId'),
  MissingJobId: mandatory('JobId'),
  MissingTargetFileId: mandatory('TargetFileId'),
  MissingReservedDays: mandatory('ReservedDays'),
  MissingPath: mandatory('Path'),
  MissingProtocolType: mandatory('ProtocolType'),
  MissingStorageType: mandatory('StorageType'),
  InvalidParameter: {
    status: 400,
    message: (d) => d.reason ?? `The parameter ${d.param ?? ''} is invalid.`,
  },
  'InvalidParameter.InvalidNextToken': { status: 400, message: () => 'The specified NextToken is invalid.' },
  IdempotentParameterMismatch: {
    status: 400,
    message: () => 'The request uses the same client token as a previous, but non-identical request.',
  },
  // State of the file system and its jobs.
  'OperationDenied.Conflict': {
    status: 403,
    message: (d) => `The operation is in conflict with (${d.jobId ?? ''}). Please try again later.`,
  },
  'OperationDenied.TooManyRunningJobs': {
    status: 403,
    message: () => 'The maximum number of running job is one. Please try again later.',
  },
  'OperationDenied.RecycleBinDisabled': { status: 403, message: () => 'The recycle bin is disabled.' },
  // Salvage's own: the file system's retention lock (docs/nas.md, Retention lock).
  'OperationDenied.RetentionLocked': {
    status: 403,
    message: (d) => d.reason ?? 'The retention lock of the file system forbids this.',
  },
  'OperationDenied.InvalidState': {
    status: 403,
    message: (d) => `The job ${d.id ?? ''} is in the ${d.state ?? ''} state and cannot be cancelled.`,
  },
  'OperationDenied.NoPermission': {
    status: 403,
    message: (d) => `You are not authorized to perform this operation.${d.reason === undefined ? '' : ` ${d.reason}`}`,
  },
  // The vendor's text names no id here (unlike FileId and JobId).
  'InvalidFileSystem.NotFound': { status: 404, message: () => 'The specified file system does not exist.' },
  'InvalidFileId.NotFound': notFound('FileId'),
  'InvalidTargetFileId.NotFound': {
    status: 404,
    message: (d) => `The specified TargetFileId(${d.id ?? ''}) does not exist or is not a directory.`,
  },
  'InvalidPath.NotFound': { status: 404, message: (d) => `The specified Path(${d.id ?? ''}) does not exist.` },
  'InvalidJobId.NotFound': notFound('JobId'),
  // The protocol: action, version, signature.
  'InvalidAction.NotFound': {
    status: 404,
    message: (d) => `The specified action ${d.id ?? ''} is not found, please check the Action parameter.`,
  },
  InvalidVersion: { status: 400, message: (d) => `The specified Version(${d.id ?? ''}) is not valid; use 2017-06-26.` },
  'MissingParameter.Action': protocolPart('Action'),
  'MissingParameter.Version': protocolPart('Version'),
  'MissingParameter.AccessKeyId': protocolPart('AccessKeyId'),
  'MissingParameter.Signature': protocolPart('Signature'),
  'MissingParameter.SignatureMethod': protocolPart('SignatureMethod'),
  'MissingParameter.SignatureVersion': protocolPart('SignatureVersion'),
  'MissingParameter.SignatureNonce': protocolPart('SignatureNonce'),
  'MissingParameter.Timestamp': protocolPart('Timestamp'),
  'MissingParameter.x-acs-date': protocolPart('x-acs-date'),
  'MissingParameter.x-acs-signature-nonce': protocolPart('x-acs-signature-nonce'),
  'MissingParameter.x-acs-content-sha256': protocolPart('x-acs-content-sha256'),
  IncompleteSignature: {
    status: 400,
    message: (d) => `The request signature does not conform to Aliyun standards. ${d.reason ?? ''}`.trim(),
  },
  'InvalidAccessKeyId.NotFound': { status: 404, message: () => 'Specified access key is not found.' },
  SignatureDoesNotMatch: {
    status: 400,
    message: (d) => `Specified signature is not matched with our calculation. ${d.reason ?? ''}`.trim(),
  },
  SignatureNonceUsed: { status: 400, message: () => 'Specified signature nonce was used already.' },
  'InvalidTimeStamp.Expired': {
    status: 400,
    message: () => 'Specified time stamp or date value is expired: it must be within 15 minutes of the server time.',
  },
  'InvalidTimeStamp.Format': {
    status: 400,
    message: (d) => `Specified time stamp or date value is not well formatted (${d.param ?? ''}: yyyy-MM-ddTHH:mm:ssZ).`,
  },
  // Alibaba Cloud's common throttling codes, for failed signature checks (sent with
  // Retry-After): too many for one AccessKeyId, or for one client address.
  'Throttling.User': { status: 429, message: () => 'Request was denied due to user flow control.' },
  Throttling: { status: 429, message: () => 'Request was denied due to request throttling.' },
  InternalError: { status: 500, message: () => 'The request processing has failed due to some unknown error.' },
  // Alibaba Cloud's common code for a temporary failure; sent with Retry-After.
  ServiceUnavailable: { status: 503, message: () => 'The request has failed due to a temporary failure of the server.' },
  // Salvage's own: the server's disk is full. Nothing was kept; reads and deletes still work.
  InsufficientStorage: { status: 507, message: () => 'The server has no storage space left. Free space, or try again later.' },
} satisfies Record<string, CatalogueEntry>;

export type NasErrorCode = keyof typeof catalogue;

const isNasCode = (code: string): code is NasErrorCode => Object.hasOwn(catalogue, code);

export class NasError extends Error {
  readonly status: number;
  constructor(
    readonly code: NasErrorCode,
    readonly details: NasErrorDetails = {},
  ) {
    const entry: CatalogueEntry = catalogue[code];
    super(entry.message(details));
    this.name = 'NasError';
    this.status = entry.status;
  }
}

/**
 * The NAS name of each input the core names in its errors. Inputs no NAS action sends
 * (names, uploads, sign-in) get a name in NAS style; their errors cannot come from a NAS
 * request, but the table covers every field so a new one does not compile unnamed.
 */
const NAS_PARAM: Record<DomainField, string> = {
  driveId: 'FileSystemId',
  fileId: 'FileId',
  parentId: 'FileId',
  targetId: 'TargetFileId',
  jobId: 'JobId',
  token: 'NextToken',
  limit: 'MaxResults',
  description: 'Description',
  reservedDays: 'ReservedDays',
  path: 'Path',
  clientToken: 'ClientToken',
  name: 'Name',
  newName: 'NewName',
  uploadId: 'UploadId',
  size: 'Size',
  parts: 'Parts',
  after: 'PartNumberMarker',
  totalSize: 'Capacity',
  ownerId: 'Owner',
  username: 'UserName',
  password: 'Password',
  refreshToken: 'RefreshToken',
  content: 'Body',
  userId: 'UserId',
  userName: 'UserName',
  nickName: 'NickName',
  email: 'Email',
  role: 'Role',
  status: 'Status',
  oldPassword: 'OldPassword',
  accessKeyId: 'AccessKeyId',
  transferTo: 'TransferTo',
  lockMode: 'LockMode',
  lockDays: 'LockDays',
  bypassLock: 'BypassGovernanceRetention',
};
const nasParam = (field: DomainField | undefined): string => (field === undefined ? '' : NAS_PARAM[field]);

/** "The parameter FileId must be a directory.": the core's reason after the NAS name. */
const invalidParam = (e: DomainError): NasError => {
  const param = nasParam(e.details.field);
  const reason = e.details.reason ?? 'is invalid';
  return new NasError('InvalidParameter', { param, reason: param ? `The parameter ${param} ${reason}.` : sentence(reason) });
};

/** The Missing* code of a parameter, for those NAS names one; others are InvalidParameter. */
export function missingParameter(param: string): NasError {
  const code = `Missing${param}`;
  if (isNasCode(code)) return new NasError(code, { param });
  return new NasError('InvalidParameter', { param, reason: `The parameter ${param} is required.` });
}

type DomainMapping = (err: DomainError) => NasError;

/** Each core error code, mapped once. */
const fromDomain: Record<DomainErrorCode, DomainMapping> = {
  InvalidParameter: invalidParam,
  MissingParameter: (e) => missingParameter(nasParam(e.details.field)),
  InvalidName: invalidParam,
  InvalidPageToken: () => new NasError('InvalidParameter.InvalidNextToken', { param: 'NextToken' }),
  DriveNotFound: (e) => new NasError('InvalidFileSystem.NotFound', { id: e.details.id }),
  EntryNotFound: (e) =>
    e.details.field === 'path'
      ? new NasError('InvalidPath.NotFound', { id: e.details.id })
      : new NasError('InvalidFileId.NotFound', { id: e.details.id }),
  TargetNotFound: (e) => new NasError('InvalidTargetFileId.NotFound', { id: e.details.id }),
  JobNotFound: (e) => new NasError('InvalidJobId.NotFound', { id: e.details.id }),
  UserNotFound: (e) => new NasError('InvalidParameter', { reason: `The specified user (${e.details.id ?? ''}) does not exist.` }),
  // User and access-key management is PDS only; NAS requests never raise these.
  UserExists: (e) => new NasError('InvalidParameter', { reason: `A user named ${e.details.name ?? ''} already exists.` }),
  UserOwnsDrives: (e) => new NasError('InvalidParameter', { reason: `The user (${e.details.id ?? ''}) still owns file systems.` }),
  AccessKeyNotFound: () => new NasError('InvalidAccessKeyId.NotFound'),
  NameConflict: (e) => new NasError('InvalidParameter', { reason: `A file or folder named ${e.details.name ?? ''} already exists.` }),
  InvalidMove: invalidParam,
  QuotaExceeded: () => new NasError('OperationDenied.NoPermission'),
  BinDisabled: () => new NasError('OperationDenied.RecycleBinDisabled'),
  // WebDAV locks are only checked by the WebDAV dialect; listed so the catalogue is whole.
  ResourceLocked: () => new NasError('OperationDenied.Conflict'),
  RetentionLocked: (e) => {
    const { itemId, until, reason, field } = e.details;
    const why =
      itemId !== undefined
        ? `The file ${itemId} is held by the retention lock of the file system until ${new Date(until ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z')}.`
        : `The parameter ${nasParam(field)} ${reason ?? 'is not allowed by the retention lock of the file system'}.`;
    return new NasError('OperationDenied.RetentionLocked', { id: e.details.id, reason: why });
  },
  JobConflict: (e) => new NasError('OperationDenied.Conflict', { jobId: e.details.jobId }),
  TooManyRunningJobs: (e) => new NasError('OperationDenied.TooManyRunningJobs', { jobId: e.details.jobId }),
  JobNotCancellable: (e) =>
    new NasError('OperationDenied.InvalidState', { id: e.details.id, state: nasStatusName(e.details.state) }),
  IdempotencyMismatch: () => new NasError('IdempotentParameterMismatch', { param: 'ClientToken' }),
  Unauthenticated: () => new NasError('OperationDenied.NoPermission'),
  Forbidden: () => new NasError('OperationDenied.NoPermission'),
  // A member of a shared file system whose role does not reach (docs/nas.md, Shared file systems).
  ForbiddenDriveRole: (e) =>
    new NasError('OperationDenied.NoPermission', {
      id: e.details.id,
      reason: `It needs the ${e.details.needRole ?? 'owner'} role on file system ${e.details.id ?? ''}; yours is ${e.details.role ?? 'none'}.`,
    }),
  UploadMismatch: invalidParam,
  StoreUnavailable: () => new NasError('ServiceUnavailable'),
  // Uploads are PDS paths; NAS requests never raise this one.
  TooManyOpenUploads: () => new NasError('OperationDenied.NoPermission'),
  StorageFull: () => new NasError('InsufficientStorage'),
  SignInThrottled: (e) =>
    new NasError(e.details.field === undefined ? 'Throttling' : 'Throttling.User', { retryAfterSec: e.details.retryAfterSec }),
};

const isDomainCode = (code: string): code is DomainErrorCode => Object.hasOwn(fromDomain, code);

/** The NAS code a job's stored (core) error code is reported under in ListRecycleBinJobs. */
export function nasCodeOfDomainCode(code: string): string {
  return isDomainCode(code) ? fromDomain[code](new DomainError(code, '')).code : code;
}

/**
 * Any error, as the NAS dialect answers it. Unknown errors become InternalError; the
 * caller logs them, and nothing of them reaches the answer.
 */
export function toNasError(err: unknown): { error: NasError; unexpected: boolean } {
  if (err instanceof NasError) return { error: err, unexpected: false };
  const domain = asDomainError(err);
  if (domain) return { error: fromDomain[domain.code](domain), unexpected: false };
  return { error: new NasError('InternalError'), unexpected: true };
}
