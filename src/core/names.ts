import { DomainError, type DomainField, missingInput } from './errors.js';

const MAX_NAME_BYTES = 1024;

const invalidName = (field: DomainField, reason: string): DomainError =>
  new DomainError('InvalidName', `${field} ${reason}`, { field, reason });

/** Bidi controls, zero-width characters, soft hyphens, BOMs: Unicode category Cf. */
const FORMAT_CHARACTER = /\p{Cf}/u;

/**
 * Names are UTF-8 without '/' or NUL, at most 1024 bytes, and not '.' or '..'; they hold no
 * format character (Unicode category Cf: `invoice\u202Egpj.exe` would show as
 * `invoiceexe.jpg`) and are not empty or white space only. A name is kept in NFC, the
 * form the uniqueness rule compares: `é` typed as one code point or as `e` + U+0301 is the
 * same name. `field` is the input the name came in (a path's segments are names too).
 * Returns the name as stored.
 */
export function checkName(value: string, field: DomainField = 'name'): string {
  const name = checkLookupName(value, field);
  if (FORMAT_CHARACTER.test(name)) {
    throw invalidName(field, 'must not contain format characters (Unicode category Cf: bidi controls, zero-width characters)');
  }
  if (name.trim() === '') throw invalidName(field, 'must not be empty or white space only');
  return name;
}

/**
 * A name to look an existing entry up by: the rules every stored name has kept since the
 * first version, in NFC (migration 0012 put every stored name in NFC). Names stored before
 * the format-character rule can still be found by path.
 */
export function checkLookupName(value: string, field: DomainField = 'name'): string {
  if (value === '') throw missingInput(field);
  if (value.includes('/') || value.includes('\0')) throw invalidName(field, "must not contain '/' or NUL");
  if (value === '.' || value === '..') throw invalidName(field, "must not be '.' or '..'");
  if (!value.isWellFormed()) throw invalidName(field, 'is not valid UTF-8');
  const name = value.normalize('NFC');
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) throw invalidName(field, `is longer than ${MAX_NAME_BYTES} bytes`);
  return name;
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
