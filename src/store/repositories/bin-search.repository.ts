import { type Expression, type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Entry } from '../../core/types.js';
import type { EntryRow } from '../schema.js';
import type { Db } from '../store.js';
import type { BinFilter } from './bin-filter.js';
import { requiredSizes, requiredSubstring } from './bin-filter.js';
import { toEntry } from './entry-mapper.js';

/** What the bin's search orders by; ties by id. */
export type BinSearchOrder = 'trashedAt' | 'name' | 'size';

export interface BinSearchQuery {
  driveId: string;
  /** As BinQuery.hiddenBefore: items a clear job is emptying are not shown. */
  hiddenBefore: number | null;
  filter: BinFilter | undefined;
  orderBy: BinSearchOrder;
  direction: 'asc' | 'desc';
  /** The last row of the previous page: its sort key, holder (with descendants by trash time) and id. */
  after?: { key: number | string; holder?: string; id: string };
  limit: number;
  /**
   * Also the entries inside trashed folders, found by their `binned_under` mark; rows
   * whose mark names a root in `staleRoots` (being unmarked) are not trusted, so not found.
   */
  descendants?: { staleRoots: string[] };
  /** The store keeps names in an FTS5 trigram table (SQLite) rather than an index on entries. */
  trigramTable: boolean;
  /** `cross join` fixes the join order (SQLite); otherwise it is a plain join and the planner picks. */
  crossJoinOrders: boolean;
}

/** A row found: the entry, and the bin item holding it (itself, for a bin item). */
export interface BinHit {
  entry: Entry;
  holder: { id: string; trashedAt: number; trashedBy: string | null; origPath: string | null };
}

/**
 * Fewer trigram matches in the drive than this (on SQLite) and the search reads them
 * all and sorts them; more, and it walks the order's index instead, since matches are
 * then common enough to fill a page soon. PostgreSQL's planner makes this choice itself.
 * Counting up to it costs about a millisecond; sorting that many candidates about 7 ms
 * (bench/bin-search.bench.ts: 4,000 candidates took 28 ms, a page walked from 250 rows 1 ms).
 * Between the two (a match every few thousand items) a page costs more: neither database
 * has an index ordered by trash time and by substring at once.
 */
const FTS_CANDIDATE_LIMIT = 1_000;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Lower-cases ASCII only, as lower() does on both databases for names (bytewise, collation "C"). */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

type Cols = { e: string; t: string };
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const COMPARE = { '<': sql`<`, '<=': sql`<=`, '>': sql`>`, '>=': sql`>=`, '=': sql`=` } as const;

/** `f` over item columns (`e`) and trash columns (`t`: the item, or the bin item holding it). */
function condition(f: BinFilter, c: Cols): RawBuilder<SqlBool> {
  // Substrings ignore ASCII case the same on both databases; the pattern is lowered here,
  // not by the database, which would fold more on PostgreSQL than lower(name) does.
  const like = (pattern: string) => sql<SqlBool>`lower(${ref(c.e, 'name')}) like ${asciiLower(pattern)} escape '\\'`;
  switch (f.kind) {
    case 'nameContains':
      return like(`%${escapeLike(f.value)}%`);
    case 'extension':
      // As file_extension shows it: a file's name after its last dot, the dot not first.
      return sql<SqlBool>`(${ref(c.e, 'type')} = 'file' and ${like(`%_.${escapeLike(f.value)}`)})`;
    case 'nameEquals':
      return sql<SqlBool>`${ref(c.e, 'name')} = ${f.value}`;
    case 'parent':
      return sql<SqlBool>`${ref(c.e, 'parent_id')} = ${f.value}`;
    case 'type':
      return sql<SqlBool>`${ref(c.e, 'type')} = ${f.value}`;
    case 'size':
      return sql<SqlBool>`${ref(c.e, 'size')} ${COMPARE[f.op]} ${f.value}`;
    case 'trashedAt':
      return sql<SqlBool>`${ref(c.t, 'trashed_at')} ${COMPARE[f.op]} ${f.value}`;
    case 'trashedBy':
      return sql<SqlBool>`${ref(c.t, 'trashed_by')} = ${f.value}`;
    case 'deletionEvent':
      return sql<SqlBool>`${ref(c.t, 'deletion_event_id')} = ${f.value}`;
    case 'origParent': {
      const direct = sql<SqlBool>`${ref(c.t, 'orig_parent_id')} = ${f.value}`;
      if (f.under === undefined) return direct;
      // Paths below `under` are the range [under + '/', under + '0'): '0' follows '/'.
      const from = f.under === '/' ? '/' : `${f.under}/`;
      const to = `${from.slice(0, -1)}0`;
      return sql<SqlBool>`(${direct} or (${ref(c.t, 'orig_path')} >= ${from} and ${ref(c.t, 'orig_path')} < ${to}))`;
    }
    case 'and':
      return sql<SqlBool>`(${sql.join(f.items.map((i) => condition(i, c)), sql` and `)})`;
    case 'or':
      return sql<SqlBool>`(${sql.join(f.items.map((i) => condition(i, c)), sql` or `)})`;
  }
}

/** A string as one FTS5 phrase: the trigram tokenizer matches it as a substring. */
const ftsPhrase = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Fewer bin items in a size range than this, and the search reads them by the size index and sorts them. */
const SIZE_CANDIDATE_LIMIT = 1_000;

/**
 * A size range with few bin items in it, as the condition that reads them by
 * entries_bin_by_size; undefined when there is none, or when it holds many. PostgreSQL's
 * planner cannot see this itself when the range holds the rare outliers of the sizes: its
 * histogram's last bucket spans them and the ordinary sizes, so 100 files over 100 MB in a
 * million bin items were guessed at 9,000, and it walked the bin in trash-time order
 * filtering on size, half the bin for a page (BENCHMARKS.md section 11: 456 ms against 4 ms
 * at a thousand items). Counting up to the limit reads that many index entries at most.
 */
async function fewInSizeRange(db: Db, driveId: string, filter: BinFilter): Promise<RawBuilder<SqlBool> | undefined> {
  const sizes = requiredSizes(filter);
  if (sizes.length === 0) return undefined;
  const range = sql.join([sql<SqlBool>`drive_id = ${driveId}`, sql<SqlBool>`trashed_at is not null`, ...sizes.map((c) => condition(c, { e: 'entries', t: 'entries' }))], sql` and `);
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from entries where ${range} limit ${SIZE_CANDIDATE_LIMIT}) s`.execute(db);
  return Number(rows[0]?.n ?? 0) < SIZE_CANDIDATE_LIMIT ? sql<SqlBool>`${range}` : undefined;
}

/** A table's trigram matches in one drive, as (drive_id, id): `bin_names` (bin items, 0016) or `held_names` (rows inside them, 0022). */
const ftsMatches = (table: 'bin' | 'held', driveId: string, phrase: string) =>
  table === 'bin'
    ? sql`select k.drive_id, k.id from bin_names f join bin_name_keys k on k.rowid = f.rowid where bin_names match ${phrase} and k.drive_id = ${driveId}`
    : sql`select k.drive_id, k.id from held_names f join held_name_keys k on k.rowid = f.rowid where held_names match ${phrase} and k.drive_id = ${driveId}`;

/**
 * Whether the trigram tables should drive the search: a substring of 3+ characters with
 * few matches in the drive, among bin items and, for a descendants search, the rows inside
 * them. Counting stops at the limit, so it never reads more than that many of the drive's
 * matches (and the other drives' rows among the table's hits).
 */
async function fewTrigramMatches(db: Db, driveId: string, substring: string | undefined, withHeld: boolean): Promise<string | undefined> {
  // FTS5's query syntax ends a string at NUL ("unterminated string"): such a search walks.
  if (substring === undefined || [...substring].length < 3 || substring.includes('\0')) return undefined;
  const phrase = ftsPhrase(substring);
  const matches = withHeld ? sql`${ftsMatches('bin', driveId, phrase)} union all ${ftsMatches('held', driveId, phrase)}` : ftsMatches('bin', driveId, phrase);
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from (${matches}) m limit ${FTS_CANDIDATE_LIMIT})`.execute(db);
  return Number(rows[0]?.n ?? 0) < FTS_CANDIDATE_LIMIT ? phrase : undefined;
}

/**
 * One page of the bin's search, by keyset on (key, id). Bin items are trash roots; with
 * `descendants`, rows marked as inside one are read too, each judged by the time, deleter
 * and origin of the bin item holding it. Indexes (0016): entries_bin (trash time),
 * entries_bin_by_name, _by_size, _by_deleter, _by_origin, _by_path, and the trigram index
 * for name substrings and extensions.
 */
export async function searchBinRows(db: Db, q: BinSearchQuery): Promise<BinHit[]> {
  const { rows } = await (await binSearchStatement(db, q)).execute(db);
  return rows.map((r) => ({
    entry: toEntry(r),
    holder: { id: r.holder_id, trashedAt: Number(r.holder_trashed_at), trashedBy: r.holder_trashed_by, origPath: r.holder_orig_path },
  }));
}

/**
 * How many bin items match and their bytes (subtrees included): a bulk job's dry run and
 * its total, with the entries of their subtrees. Reads every match, as a count must; bin
 * items only.
 */
export async function binSearchTotals(db: Db, q: Omit<BinSearchQuery, 'orderBy' | 'direction' | 'limit' | 'descendants' | 'after'>): Promise<{ count: number; bytes: number; entries: number }> {
  const all = await binSearchStatement(db, { ...q, orderBy: 'trashedAt', direction: 'asc', limit: Number.MAX_SAFE_INTEGER });
  const { rows } = await sql<{ n: number | string; bytes: number | string; entries: number | string }>`select count(*) as n,
    coalesce(sum(s.tree_bytes), 0) as bytes, coalesce(sum(s.tree_count), 0) as entries from (${all}) s`.execute(db);
  const row = rows[0];
  return { count: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0), entries: Number(row?.entries ?? 0) };
}

type HitRow = EntryRow & { holder_id: string; holder_trashed_at: number; holder_trashed_by: string | null; holder_orig_path: string | null };

/** The statement of searchBinRows, for it and for EXPLAIN (bench/bin-search.bench.ts). */
export async function binSearchStatement(db: Db, q: BinSearchQuery): Promise<RawBuilder<HitRow>> {
  const d = q.descendants;
  const c: Cols = { e: 'e', t: d ? 'h' : 'e' };
  const wheres: Expression<SqlBool>[] = [sql<SqlBool>`e.drive_id = ${q.driveId}`];
  if (d) {
    wheres.push(sql<SqlBool>`(e.trashed_at is not null or e.binned_under is not null)`, sql<SqlBool>`h.trashed_at is not null`);
    if (d.staleRoots.length > 0) {
      wheres.push(sql<SqlBool>`(e.binned_under is null or e.binned_under not in (${sql.join(d.staleRoots)}))`);
    }
  } else {
    wheres.push(sql<SqlBool>`e.trashed_at is not null`);
  }
  wheres.push(sql<SqlBool>`${ref(c.t, 'purge_job_id')} is null`);
  if (q.hiddenBefore !== null) {
    wheres.push(sql<SqlBool>`(${ref(c.t, 'trashed_at')} > ${q.hiddenBefore} or ${ref(c.t, 'restore_job_id')} is not null)`);
  }
  if (q.filter) wheres.push(condition(q.filter, c));
  // With descendants by trash time, rows go by their holder, then by id within it: the
  // bin's index gives holders in order, entries_bin_holder each one's rows in id order.
  const byHolder = d !== undefined && q.orderBy === 'trashedAt';
  const key = q.orderBy === 'name' ? ref('e', 'name') : q.orderBy === 'size' ? ref('e', 'size') : ref(c.t, 'trashed_at');
  const keys = byHolder ? [key, ref('h', 'id'), ref('e', 'id')] : [key, ref('e', 'id')];
  const dir = q.direction === 'asc' ? sql`asc` : sql`desc`;
  if (q.after) {
    const at = byHolder ? [q.after.key, q.after.holder ?? '', q.after.id] : [q.after.key, q.after.id];
    // The row-value form: one index range on both databases (see keyset.ts).
    wheres.push(sql<SqlBool>`(${sql.join(keys)}) ${q.direction === 'asc' ? sql`>` : sql`<`} (${sql.join(at)})`);
  }
  const phrase = q.trigramTable && q.filter ? await fewTrigramMatches(db, q.driveId, requiredSubstring(q.filter), d !== undefined) : undefined;
  // Bin items only, in another order than by size: a narrow size range is read by its index (see fewInSizeRange).
  const sized = !phrase && !d && q.orderBy !== 'size' && q.filter ? await fewInSizeRange(db, q.driveId, q.filter) : undefined;
  const holderOfE = sql`h.drive_id = e.drive_id and h.id = coalesce(e.binned_under, e.id)`;
  let from;
  if (phrase && d) {
    // The few rows inside trashed folders or in the bin that hold the substring (0016, 0022),
    // each joined to the bin item its mark names: a key lookup each, then a sort of only those.
    // (A row is in both tables only for a moment, between a restore and its unmarking.)
    from = sql`(${ftsMatches('bin', q.driveId, phrase)} union ${ftsMatches('held', q.driveId, phrase)}) c
        cross join entries e on e.drive_id = c.drive_id and e.id = c.id cross join entries h on ${holderOfE}`;
  } else if (phrase) {
    // On SQLite the few rows the trigram table names drive the query (a key lookup each);
    // PostgreSQL reaches its trigram index from the condition itself (with descendants,
    // the index of 0022, whose predicate is the descendants condition below).
    from = sql`(${ftsMatches('bin', q.driveId, phrase)}) c cross join entries e on e.drive_id = c.drive_id and e.id = c.id`;
  } else if (sized) {
    // A LIMIT keeps PostgreSQL from merging the subquery into the outer one, where it would
    // weigh it against walking the order's index again. It is far above the count just
    // taken, so rows trashed into the range since cannot make it cut any (OFFSET 0, the
    // usual fence, is no SQLite syntax without a LIMIT).
    from = sql`(select * from entries where ${sized} limit ${SIZE_CANDIDATE_LIMIT * 1000}) e`;
  } else if (d) {
    // Holders first, in the order's index, and each one's rows by entries_bin_holder. SQLite
    // has no statistics to see that and drove from every bin row (98 ms for 80,000 rows,
    // 0.2 ms this way): cross join tells it.
    from = sql`entries h ${q.crossJoinOrders ? sql`cross join` : sql`join`} entries e on ${holderOfE}`;
    wheres.push(sql<SqlBool>`h.drive_id = ${q.driveId}`);
  } else {
    from = sql`entries e`;
  }
  const holderCols = sql`${ref(c.t, 'id')} as holder_id, ${ref(c.t, 'trashed_at')} as holder_trashed_at,
    ${ref(c.t, 'trashed_by')} as holder_trashed_by, ${ref(c.t, 'orig_path')} as holder_orig_path`;
  return sql<HitRow>`
    select e.*, ${holderCols} from ${from}
    where ${sql.join(wheres, sql` and `)}
    order by ${sql.join(keys.map((k) => sql`${k} ${dir}`))}
    limit ${q.limit}`;
}
