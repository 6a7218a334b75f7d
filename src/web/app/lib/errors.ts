import { ApiError } from '../api/http.js';

/**
 * A refusal in words a user can act on. The server's message is kept (it names the file,
 * the field or the limit), prefixed with what the code means for the user.
 */
const HINTS: Record<string, string> = {
  'QuotaExhausted.Drive': 'Not enough space on this drive.',
  QuotaExceeded: 'Not enough space on this drive.',
  'AlreadyExist.File': 'An item with this name already exists in this folder.',
  Conflict: 'Another operation is in the way.',
  StateConflict: 'Another operation is in the way.',
  'Forbidden.RecycleBinDisabled': 'The recycle bin of this drive is off: turn it on in Settings, or delete permanently.',
  RecycleBinDisabled: 'The recycle bin of this drive is off.',
  'NotFound.File': 'That item no longer exists (it may have been moved, trashed or deleted).',
  // Also what a drive someone was removed from answers: the server tells the two apart for nobody.
  'NotFound.Drive': 'That drive does not exist, or you no longer have access to it.',
  JobNotFound: 'That job no longer exists.',
  JobNotCancellable: 'The job has already finished and cannot be cancelled.',
  InvalidParameter: 'The name or value is not allowed.',
  InvalidParameterOutOfRange: 'A value is out of range.',
  InvalidParameterMissing: 'Something required is missing.',
  InvalidParameterWrongFormat: 'A value has the wrong format.',
  InvalidRequest: 'The request was not accepted.',
  AccessTokenInvalid: 'Your session has ended. Please sign in again.',
  Unauthorized: 'Your session has ended. Please sign in again.',
  TooManyRequests: 'The server is busy. Try again in a moment.',
  ForbiddenNoPermission: 'You are not allowed to do this.',
  'AlreadyExist.User': 'That user name is taken.',
  'NotFound.User': 'That user no longer exists.',
  'NotFound.AccessKey': 'That access key no longer exists.',
};

export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const hint = HINTS[err.code];
    return hint ? `${hint} ${err.message}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Names are UTF-8 without '/' or NUL, at most 1024 bytes (SPEC section 2): checked before asking. */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name.';
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name.includes('\u0000')) return 'A name cannot contain a NUL character.';
  if (new TextEncoder().encode(name).length > 1024) return 'A name can be at most 1024 bytes long.';
  if (name === '.' || name === '..') return 'A name cannot be "." or "..".';
  return undefined;
}

/** User names are the sign-in names: 1-64 of letters, digits and `._@-` (docs/pds.md, Users). */
export function userNameProblem(name: string): string | undefined {
  if (name === '') return 'Enter a user name.';
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) return 'A user name is 1 to 64 letters, digits, dots, dashes, underscores or @.';
  return undefined;
}

/** Passwords are 8 to 1,024 characters (docs/pds.md, Users). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return 'A password needs at least 8 characters.';
  if (password.length > 1024) return 'A password can be at most 1,024 characters long.';
  return undefined;
}
