import { DomainError, missingParameter } from './errors.js';

const MAX_NAME_BYTES = 1024;

/** Names are UTF-8 without '/' or NUL, at most 1024 bytes, and not '.' or '..'. */
export function checkName(value: unknown, param = 'name'): string {
  if (value === undefined || value === null || value === '') throw missingParameter(param);
  if (typeof value !== 'string') {
    throw new DomainError('InvalidName', `The parameter ${param} must be a string.`, { param });
  }
  if (value.includes('/') || value.includes('\0')) {
    throw new DomainError('InvalidName', `The parameter ${param} must not contain '/' or NUL.`, { param });
  }
  if (value === '.' || value === '..') {
    throw new DomainError('InvalidName', `The parameter ${param} must not be '.' or '..'.`, { param });
  }
  if (Buffer.byteLength(value, 'utf8') > MAX_NAME_BYTES) {
    throw new DomainError('InvalidName', `The parameter ${param} is longer than ${MAX_NAME_BYTES} bytes.`, {
      param,
    });
  }
  if (!value.isWellFormed()) {
    throw new DomainError('InvalidName', `The parameter ${param} is not valid UTF-8.`, { param });
  }
  return value;
}

/** How the n-th alternative name is tagged: restore and auto-rename differ. */
export type NameTag = (n: number) => string;

/** `report (restored).pdf`, `report (restored 2).pdf`, ... (SPEC section 2, restore). */
export const restoredTag: NameTag = (n) => (n === 1 ? ' (restored)' : ` (restored ${n})`);

/** `report(1).pdf`, `report(2).pdf`, ... as PDS's check_name_mode auto_rename does. */
export const autoRenameTag: NameTag = (n) => `(${n})`;

/**
 * The n-th candidate name for an entry that cannot take its own name at a destination.
 * Folders keep dots in their name (`photos.2024 (restored)`); files keep their extension
 * last so they still open (`report (restored).pdf`).
 */
export function suffixedName(name: string, type: 'file' | 'folder', n: number, tagOf: NameTag): string {
  const tag = tagOf(n);
  const dot = type === 'file' ? name.lastIndexOf('.') : -1;
  if (dot <= 0) return name + tag;
  return name.slice(0, dot) + tag + name.slice(dot);
}
