import { randomBytes } from 'node:crypto';

/**
 * The id rule (SPEC section 2): drive, entry, upload, job and access-key ids that callers
 * send are 1 to 128 of [A-Za-z0-9._-]. Written once, here; each dialect's parser applies
 * it and answers a malformed id with its own wire error. The core takes ids as strings:
 * one that breaks the rule names nothing, and is answered as not found.
 */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export const isId = (value: string): boolean => ID_PATTERN.test(value);

export const ROOT_ID = 'root';

/** 24 hex characters: unguessable, and short enough to read in a log line. */
export const newEntryId = (): string => randomBytes(12).toString('hex');

/** Drive ids look like NAS file-system ids: ten hex characters. */
export const newDriveId = (): string => randomBytes(5).toString('hex');

export const newUserId = (): string => `u-${randomBytes(8).toString('hex')}`;

export const newBlobId = (): string => randomBytes(16).toString('hex');

/** A deletion event: one trash call, which may remove several items at once. */
export const newDeletionEventId = (): string => `de-${randomBytes(8).toString('hex')}`;
