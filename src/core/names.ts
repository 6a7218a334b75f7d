import { DomainError, type DomainField, missingInput } from './errors.js';

const MAX_NAME_BYTES = 1024;

const invalidName = (field: DomainField, reason: string): DomainError =>
  new DomainError('InvalidName', `${field} ${reason}`, { field, reason });

/**
 * Names are UTF-8 without '/' or NUL, at most 1024 bytes, and not '.' or '..'. `field`
 * is the input the name came in (a path's segments are names too).
 */
export function checkName(value: string, field: DomainField = 'name'): string {
  if (value === '') throw missingInput(field);
  if (value.includes('/') || value.includes('\0')) throw invalidName(field, "must not contain '/' or NUL");
  if (value === '.' || value === '..') throw invalidName(field, "must not be '.' or '..'");
  if (Buffer.byteLength(value, 'utf8') > MAX_NAME_BYTES) throw invalidName(field, `is longer than ${MAX_NAME_BYTES} bytes`);
  if (!value.isWellFormed()) throw invalidName(field, 'is not valid UTF-8');
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
export function suffixedName(entry: { name: string; type: 'file' | 'folder' }, n: number, tagOf: NameTag): string {
  const { name, type } = entry;
  const tag = tagOf(n);
  const dot = type === 'file' ? name.lastIndexOf('.') : -1;
  if (dot <= 0) return name + tag;
  return name.slice(0, dot) + tag + name.slice(dot);
}
