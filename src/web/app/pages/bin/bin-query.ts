import { dayEnd, dayStart } from '../../lib/days.js';

/** The Bin page's filters in the form's own terms: days, not times; a folder by its path. */
export interface BinFilters {
  name: string;
  /** A user id, or '' for anyone. */
  deletedBy: string;
  sinceDay: string;
  untilDay: string;
  type: '' | 'file' | 'folder';
  /** The live folder the items were deleted from, once its path is resolved. */
  from?: { id: string; path: string };
  withSubfolders: boolean;
  order: BinOrder;
}

export type BinOrder = 'trashed_at DESC' | 'trashed_at ASC' | 'name ASC' | 'name DESC' | 'size DESC' | 'size ASC';

export const BIN_ORDERS: { value: BinOrder; label: string }[] = [
  { value: 'trashed_at DESC', label: 'Deleted, newest first' },
  { value: 'trashed_at ASC', label: 'Deleted, oldest first' },
  { value: 'name ASC', label: 'Name (A-Z)' },
  { value: 'name DESC', label: 'Name (Z-A)' },
  { value: 'size DESC', label: 'Largest first' },
  { value: 'size ASC', label: 'Smallest first' },
];

export const NO_FILTERS: BinFilters = { name: '', deletedBy: '', sinceDay: '', untilDay: '', type: '', withSubfolders: false, order: 'trashed_at DESC' };

/**
 * A string of the query language: double quotes around it, and `\` and `"` inside it
 * escaped (the language's only two escapes), so any name the user types is one string.
 */
export const quoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The filters as one `query` of /v2/recyclebin/search_all: every condition joined by `and`. */
export function binQuery(f: BinFilters): string {
  const parts: string[] = [];
  const name = f.name.trim();
  if (name) parts.push(`name match ${quoted(name)}`);
  if (f.deletedBy) parts.push(`trashed_by = ${quoted(f.deletedBy)}`);
  if (f.sinceDay) parts.push(`trashed_at >= ${quoted(dayStart(f.sinceDay))}`);
  if (f.untilDay) parts.push(`trashed_at <= ${quoted(dayEnd(f.untilDay))}`);
  if (f.type) parts.push(`type = ${quoted(f.type)}`);
  if (f.from) parts.push(`original_parent_file_id = ${quoted(f.from.id)}`);
  return parts.join(' and ');
}

/** The filters in words, for the sentence that says nothing matched them. */
export function describeFilters(f: BinFilters, userName: (id: string) => string): string[] {
  const said: string[] = [];
  const name = f.name.trim();
  if (name) said.push(`name contains “${name}”`);
  if (f.deletedBy) said.push(`deleted by ${userName(f.deletedBy)}`);
  if (f.sinceDay && f.untilDay) said.push(`deleted from ${f.sinceDay} to ${f.untilDay}`);
  else if (f.sinceDay) said.push(`deleted on or after ${f.sinceDay}`);
  else if (f.untilDay) said.push(`deleted on or before ${f.untilDay}`);
  if (f.type) said.push(f.type === 'file' ? 'files only' : 'folders only');
  if (f.from) said.push(`deleted from ${f.from.path}${f.withSubfolders ? ' or a folder below it' : ''}`);
  return said;
}
