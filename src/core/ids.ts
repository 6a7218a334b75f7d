import { randomBytes } from 'node:crypto';
import { DomainError, missingParameter } from './errors.js';

/** Ids that callers send: drive, entry, job and access-key ids (SPEC section 2). */
const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export const ROOT_ID = 'root';

/** 24 hex characters: unguessable, and short enough to read in a log line. */
export const newEntryId = (): string => randomBytes(12).toString('hex');

/** Drive ids look like NAS file-system ids: ten hex characters. */
export const newDriveId = (): string => randomBytes(5).toString('hex');

export const newUserId = (): string => `u-${randomBytes(8).toString('hex')}`;

export const newBlobId = (): string => randomBytes(16).toString('hex');

/** Checks an id from a request; `param` names the parameter in the error. */
export function checkId(value: unknown, param: string): string {
  if (value === undefined || value === null || value === '') throw missingParameter(param);
  if (typeof value !== 'string') {
    throw new DomainError('InvalidParameter', `The parameter ${param} must be a string.`, { param });
  }
  if (value.length > 128 || !ID_PATTERN.test(value)) {
    throw new DomainError('IllegalCharacters', `The parameter ${param} contains illegal characters.`, {
      param,
    });
  }
  return value;
}
