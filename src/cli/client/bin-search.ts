import { usageError } from './cli-error.js';
import type { SalvageClient } from './http-client.js';
import { firstItems } from './pages.js';
import { resolveFolder } from './remote-paths.js';
import { resolveUser } from './users.js';
import type { PdsBinItem } from './wire-types.js';

/** What `salvage bin --search ...` asks for; each one given narrows the search. */
export interface BinSearchOptions {
  search?: string;
  deletedBy?: string;
  since?: string;
  until?: string;
  from?: string;
  subfolders?: boolean;
}

/** A condition of the bin's query language opens the text: then it is a query, not a name. */
const QUERY_START = /^[\s(]*(name|type|size|trashed_at|trashed_by|original_parent_file_id|parent_file_id|file_extension|deletion_event_id)\s*(match\b|in\b|=|<|>)/i;
const USER_ID = /^u-[0-9a-f]{16}$/;
const AGO = /^(\d+)([mhdw])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

const quoted = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** A time as the query takes it: ISO 8601 as given, or `7d` (m, h, d, w) ago from now. */
function timeOf(flag: string, value: string, now: number): string {
  const ago = AGO.exec(value);
  if (ago) return new Date(now - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS]).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw usageError(`${flag} takes an ISO 8601 time (2024-05-01, 2024-05-01T12:00:00Z) or an age such as 30m, 12h, 7d or 2w, not '${value}'`);
}

/**
 * The query of the bin's search (/v2/recyclebin/search_all) the options make: `--search`
 * as a query when it starts with a condition (`size > 1000 or name match "x"`), else as a
 * name substring; the others joined to it with `and`.
 */
export async function binSearchQuery(
  client: SalvageClient,
  driveId: string,
  opts: BinSearchOptions,
  now = Date.now(),
): Promise<{ query: string; includeSubfolders: boolean }> {
  const conditions: string[] = [];
  if (opts.search !== undefined) conditions.push(QUERY_START.test(opts.search) ? `(${opts.search})` : `name match ${quoted(opts.search)}`);
  if (opts.deletedBy !== undefined) {
    // A user id is taken as it is: someone who is not an admin sees no other user to look up.
    const id = USER_ID.test(opts.deletedBy) ? opts.deletedBy : (await resolveUser(client, opts.deletedBy)).user_id;
    conditions.push(`trashed_by = ${quoted(id)}`);
  }
  if (opts.since !== undefined) conditions.push(`trashed_at >= ${quoted(timeOf('--since', opts.since, now))}`);
  if (opts.until !== undefined) conditions.push(`trashed_at < ${quoted(timeOf('--until', opts.until, now))}`);
  if (opts.from !== undefined) {
    const folderId = opts.from.startsWith('/') ? (await resolveFolder(client, driveId, opts.from)).file_id : opts.from;
    conditions.push(`original_parent_file_id = ${quoted(folderId)}`);
  } else if (opts.subfolders) {
    throw usageError('--subfolders widens --from: name the folder with --from');
  }
  return { query: conditions.join(' and '), includeSubfolders: opts.from !== undefined && opts.subfolders === true };
}

/** The first `limit` bin items the search finds, newest trashed first, and whether there are more. */
export const searchBin = (client: SalvageClient, driveId: string, q: { query: string; includeSubfolders: boolean }, limit = Infinity) =>
  firstItems<PdsBinItem>(
    (marker, want) =>
      client.pds('recyclebin/search_all', {
        drive_id: driveId,
        query: q.query,
        ...(q.includeSubfolders && { include_subfolders: true }),
        limit: Math.min(want, 100),
        marker,
      }),
    limit,
  );
