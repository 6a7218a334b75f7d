import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { nameKey } from '../../core/entries/name-key.js';
import type { Entry } from '../../core/types.js';
import type { Database, NewEntryRow } from '../schema.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db, DriveTx } from '../store.js';
import { ENTRY_COLUMNS, type EntryColumns, toEntry } from './entry-mapper.js';
import { keysetAfter } from './keyset.js';
import { qualified } from './columns.js';

/** Guards the ancestor walk against a cycle that a bug could leave behind. */
const MAX_DEPTH = 4096;

/**
 * Inserts and updates compute the name's sort key here, from the name they write: every
 * path that names an entry (create, upload, copy, rename, move, restore) goes through one
 * of the two, so none can leave a key behind its name.
 */
export async function insertEntry(w: DriveTx, row: NewEntryRow): Promise<void> {
  await w.tx.insertInto('entries').values({ ...row, name_key: nameKey(row.name), drive_id: w.driveId }).execute();
}

const entryById = preparedQuery((db, $: { driveId: string; id: string }) =>
  db.selectFrom('entries').select(ENTRY_COLUMNS).where('drive_id', '=', $.driveId).where('id', '=', $.id),
);

export async function getEntry(db: Db, driveId: string, id: string): Promise<Entry | undefined> {
  const [row] = await entryById(db, { driveId, id });
  return row && toEntry(row);
}

export interface ChainLink {
  id: string;
  parentId: string | null;
  name: string;
  type: 'file' | 'folder';
  trashedAt: number | null;
  purgeJobId: number | null;
  restoreJobId: number | null;
}

/**
 * The entry and its ancestors, nearest first, in one recursive query: O(depth), never the
 * size of any subtree. Whether an entry is live, in the bin, or where it sits all follows.
 */
export const withChain = (db: Db, $: { driveId: string; id: string }) =>
  db
    .withRecursive('chain(id, parent_id, name, type, trashed_at, purge_job_id, restore_job_id, depth)', (qb) =>
      qb
        .selectFrom('entries')
        .select(['id', 'parent_id', 'name', 'type', 'trashed_at', 'purge_job_id', 'restore_job_id', sql<number>`0`.as('depth')])
        .where('drive_id', '=', $.driveId)
        .where('id', '=', $.id)
        .unionAll((u) =>
          u
            .selectFrom('entries as e')
            .innerJoin('chain as c', 'c.parent_id', 'e.id')
            .select([
              'e.id',
              'e.parent_id',
              'e.name',
              'e.type',
              'e.trashed_at',
              'e.purge_job_id',
              'e.restore_job_id',
              sql<number>`c.depth + 1`.as('depth'),
            ])
            .where('e.drive_id', '=', $.driveId)
            .where('c.depth', '<', MAX_DEPTH),
        ),
    );

const chainOf = preparedQuery((db, $: { driveId: string; id: string }) => withChain(db, $).selectFrom('chain').selectAll().orderBy('depth'));

interface LinkRow {
  id: string;
  parent_id: string | null;
  name: string;
  type: 'file' | 'folder';
  trashed_at: number | null;
  purge_job_id: number | null;
  restore_job_id: number | null;
}

const toLink = (r: LinkRow): ChainLink => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  type: r.type,
  trashedAt: r.trashed_at === null ? null : Number(r.trashed_at),
  purgeJobId: r.purge_job_id === null ? null : Number(r.purge_job_id),
  restoreJobId: r.restore_job_id === null ? null : Number(r.restore_job_id),
});

export async function ancestorChain(db: Db, driveId: string, id: string): Promise<ChainLink[]> {
  return (await chainOf(db, { driveId, id })).map(toLink);
}

/**
 * What toChainWithEntry reads, from a query that joins `chain`, `entries` on its first link
 * and the users who created, last modified and trashed it (as chainWithEntryOf does).
 */
export const CHAIN_WITH_ENTRY_COLUMNS = [
  'chain.id as link_id',
  'chain.parent_id as link_parent_id',
  'chain.name as link_name',
  'chain.type as link_type',
  'chain.trashed_at as link_trashed_at',
  'chain.purge_job_id as link_purge_job_id',
  'chain.restore_job_id as link_restore_job_id',
  ...qualified('entries', ENTRY_COLUMNS),
  'created_by_user.name as created_by_name',
  'modified_by_user.name as modified_by_name',
  'trashed_by_user.name as trashed_by_name',
] as const;

/**
 * The chain as ancestorChain reads it, and on its first link the whole entry with the
 * stored names of the users who created, last modified and trashed it: what `file/get`
 * answers, in one statement (two lookups and a names query took three round trips).
 */
const chainWithEntryOf = preparedQuery((db, $: { driveId: string; id: string }) =>
  withChain(db, $)
    .selectFrom('chain')
    .leftJoin('entries', (join) => join.onRef('entries.id', '=', 'chain.id').on('entries.drive_id', '=', $.driveId).on('chain.depth', '=', 0))
    .leftJoin('users as created_by_user', 'created_by_user.id', 'entries.created_by')
    .leftJoin('users as modified_by_user', 'modified_by_user.id', 'entries.modified_by')
    .leftJoin('users as trashed_by_user', 'trashed_by_user.id', 'entries.trashed_by')
    .select(CHAIN_WITH_ENTRY_COLUMNS)
    .orderBy('chain.depth'),
);

/** Stored user names (a deleted user's carry the deletion mark); undefined for an id no user row holds. */
export interface StoredActorNames {
  createdBy: string | undefined;
  modifiedBy: string | undefined;
  trashedBy: string | undefined;
}

/** An entry's chain, and the entry with its actors' stored names; empty and undefined if there is no such entry. */
export interface ChainWithEntry {
  chain: ChainLink[];
  entry?: { entry: Entry; names: StoredActorNames };
}

/** The chain's columns (`link_*`, see chainWithEntryOf) and the entry's on the first link. */
type ChainWithEntryRow = { [K in keyof LinkRow as `link_${K}`]: LinkRow[K] | null } & { [K in keyof EntryColumns]: EntryColumns[K] | null } & {
  created_by_name: string | null;
  modified_by_name: string | null;
  trashed_by_name: string | null;
};

/** The entry's chain (see ancestorChain), and the entry with its actors' stored names, in one statement. */
export async function chainWithEntry(db: Db, driveId: string, id: string): Promise<ChainWithEntry> {
  return toChainWithEntry(await chainWithEntryOf(db, { driveId, id }));
}

/** Rows of chainWithEntryOf, or of a read that joins the same columns to others (rows without a link are skipped). */
export function toChainWithEntry(all: ChainWithEntryRow[]): ChainWithEntry {
  const rows = all.filter((r) => r.link_id !== null) as (ChainWithEntryRow & { [K in keyof LinkRow as `link_${K}`]: LinkRow[K] })[];
  const chain = rows.map((r) =>
    toLink({
      id: r.link_id,
      parent_id: r.link_parent_id,
      name: r.link_name,
      type: r.link_type,
      trashed_at: r.link_trashed_at,
      purge_job_id: r.link_purge_job_id,
      restore_job_id: r.link_restore_job_id,
    }),
  );
  const first = rows[0];
  if (!first || first.id === null) return { chain };
  const { created_by_name, modified_by_name, trashed_by_name } = first;
  return {
    chain,
    entry: {
      // toEntry reads the entry's columns by name; the link's are not among them.
      entry: toEntry(first as EntryColumns),
      names: { createdBy: created_by_name ?? undefined, modifiedBy: modified_by_name ?? undefined, trashedBy: trashed_by_name ?? undefined },
    },
  };
}

/** How much a subtree holds: bytes of its files and number of entries. */
export interface TreeDelta {
  bytes: number;
  count: number;
}

/** Adds to the subtree counters of the given entries (an ancestor chain). */
export async function addToTree(w: DriveTx, ids: string[], delta: TreeDelta): Promise<void> {
  const { bytes, count } = delta;
  if (ids.length === 0 || (bytes === 0 && count === 0)) return;
  await w.tx
    .updateTable('entries')
    .set((eb) => ({
      tree_bytes: eb('tree_bytes', '+', bytes),
      tree_count: eb('tree_count', '+', count),
    }))
    .where('drive_id', '=', w.driveId)
    .where('id', 'in', ids)
    .execute();
}

export type EntryPatch = Partial<
  Pick<
    NewEntryRow,
    | 'parent_id'
    | 'name'
    | 'size'
    | 'content_type'
    | 'content_hash'
    | 'blob_id'
    | 'status'
    | 'updated_at'
    | 'modified_by'
    | 'accessed_at'
    | 'changed_at'
    | 'tree_bytes'
    | 'trashed_at'
    | 'trashed_by'
    | 'orig_parent_id'
    | 'orig_path'
    | 'purge_job_id'
    | 'restore_job_id'
    | 'binned_under'
    | 'deletion_event_id'
  >
>;

export async function updateEntry(w: DriveTx, id: string, patch: EntryPatch): Promise<void> {
  const set = patch.name === undefined ? patch : { ...patch, name_key: nameKey(patch.name) };
  await w.tx.updateTable('entries').set(set).where('drive_id', '=', w.driveId).where('id', '=', id).execute();
}

/** Which of `names` are taken by live children of `parentId`. */
export async function takenNames(db: Db, driveId: string, parentId: string, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .selectFrom('entries')
    .select('name')
    .where('drive_id', '=', driveId)
    .where('parent_id', '=', parentId)
    .where('trashed_at', 'is', null)
    .where('name', 'in', names)
    .execute();
  return new Set(rows.map((r) => r.name));
}

export async function findLiveChild(
  db: Db,
  driveId: string,
  parentId: string,
  name: string,
): Promise<Entry | undefined> {
  const row = await db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('drive_id', '=', driveId)
    .where('parent_id', '=', parentId)
    .where('name', '=', name)
    .where('trashed_at', 'is', null)
    .executeTakeFirst();
  return row && toEntry(row);
}

export type ChildOrder = 'name' | 'created_at' | 'updated_at' | 'size';

export interface ChildrenQuery {
  driveId: string;
  parentId: string;
  orderBy: ChildOrder;
  direction: 'asc' | 'desc';
  /** The sort key and id of the last item of the previous page. */
  after?: { key: string | number; id: string };
  limit: number;
  type?: 'file' | 'folder';
}

/**
 * One page of a folder's children (not its trash roots), by keyset on (sort key, id):
 * each page costs the same however deep into the folder it is. By `name` this is the
 * name's byte order (the copy job walks folders so, its position saved as a name); folder
 * listings by name are in natural order, by listChildrenByName.
 */
export async function listChildren(db: Db, q: ChildrenQuery): Promise<Entry[]> {
  let query = db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('drive_id', '=', q.driveId)
    .where('parent_id', '=', q.parentId)
    .where('trashed_at', 'is', null);
  if (q.type) query = query.where('type', '=', q.type);
  if (q.after) {
    const after = q.after;
    query = query.where((eb) => keysetAfter(eb, q.orderBy, 'id', after, q.direction));
  }
  const rows = await query.orderBy(q.orderBy, q.direction).orderBy('id', q.direction).limit(q.limit).execute();
  return rows.map(toEntry);
}

/** Where a page of a folder's folders or files by name starts: the last row of the page before. */
export interface NamePosition {
  key: string;
  name: string;
  id: string;
}

export interface ChildrenByNameQuery {
  driveId: string;
  parentId: string;
  /** One type at a time: the index holds (type, name_key, name, id) under each folder. */
  type: 'file' | 'folder';
  direction: 'asc' | 'desc';
  after?: NamePosition;
  limit: number;
}

/**
 * One page of a folder's folders or of its files in natural name order: by the name's sort
 * key (core/entries/name-key.ts), ties (names equal but for case or leading zeros) by the
 * name, then the id. One range on entries_by_name_key (0023), however deep the page.
 */
export async function listChildrenByName(db: Db, q: ChildrenByNameQuery): Promise<Array<{ entry: Entry; key: string }>> {
  let query = db
    .selectFrom('entries')
    .select([...ENTRY_COLUMNS, 'name_key'])
    .where('drive_id', '=', q.driveId)
    .where('parent_id', '=', q.parentId)
    .where('trashed_at', 'is', null)
    .where('type', '=', q.type);
  if (q.after) {
    const { key, name, id } = q.after;
    query = query.where((eb) => eb(eb.refTuple('name_key', 'name', 'id'), q.direction === 'asc' ? '>' : '<', eb.tuple(key, name, id)));
  }
  const rows = await query.orderBy('name_key', q.direction).orderBy('name', q.direction).orderBy('id', q.direction).limit(q.limit).execute();
  // The stored key, not one computed again: the next page starts where this one's rows sit.
  return rows.map((r) => ({ entry: toEntry(r), key: r.name_key }));
}

/** A search condition over one drive's entries; the PDS query language compiles to this. */
export type EntryFilter =
  | { kind: 'nameContains'; value: string }
  | { kind: 'namePrefix'; value: string }
  | { kind: 'nameEquals'; value: string }
  | { kind: 'parent'; value: string }
  | { kind: 'type'; value: 'file' | 'folder' }
  | { kind: 'and'; items: EntryFilter[] }
  | { kind: 'or'; items: EntryFilter[] };

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `filter` as a condition on the entries table (search, and the bin's search). */
export function filterExpression(eb: ExpressionBuilder<Database, 'entries'>, f: EntryFilter): Expression<SqlBool> {
  switch (f.kind) {
    // Name matching ignores case, the same on both databases (SQLite's LIKE already does
    // for ASCII; PostgreSQL's does not, hence lower() on both sides).
    case 'nameContains':
      return sql<SqlBool>`lower(${eb.ref('name')}) like lower(${`%${escapeLike(f.value)}%`}) escape '\\'`;
    case 'namePrefix':
      return sql<SqlBool>`lower(${eb.ref('name')}) like lower(${`${escapeLike(f.value)}%`}) escape '\\'`;
    case 'nameEquals':
      return eb('name', '=', f.value);
    case 'parent':
      return eb('parent_id', '=', f.value);
    case 'type':
      return eb('type', '=', f.value);
    case 'and':
      return eb.and(f.items.map((i) => filterExpression(eb, i)));
    case 'or':
      return eb.or(f.items.map((i) => filterExpression(eb, i)));
  }
}

/** The key search results are ordered by (ties by id); `id` alone is the cheapest. */
export type SearchKey = 'id' | ChildOrder;

export interface SearchQuery {
  driveId: string;
  filter: EntryFilter;
  orderBy: SearchKey;
  direction: 'asc' | 'desc';
  /** The sort key and id of the last candidate read. */
  after: { key: string | number; id: string } | undefined;
  limit: number;
  staleRoots: string[];
}

/** Rows that match and are neither the root nor a trash root; callers add the mark condition. */
const searchBase = (db: Db, q: Pick<SearchQuery, 'driveId' | 'filter'>) =>
  db
    .selectFrom('entries')
    .where('drive_id', '=', q.driveId)
    .where('trashed_at', 'is', null)
    .where('id', '<>', 'root')
    .where((eb) => filterExpression(eb, q.filter));

/**
 * Entries of a drive that match `filter` and are not trash roots, by keyset on (key, id).
 * They may still sit below a trash root; the caller checks liveness along the ancestor
 * chain.
 *
 * Rows marked as under a trash root (`binned_under`) are left out: the partial indexes
 * entries_search (id), entries_search_name, _created, _updated and _size hold only
 * unmarked rows, so the bulk of the bin is never read. Marks naming a root in
 * `staleRoots` (being unmarked after a restore) are not trusted: those rows are read too,
 * by entries_marked, and merged in order.
 */
export async function searchCandidates(db: Db, q: SearchQuery): Promise<Entry[]> {
  const key = q.orderBy;
  const base = () => {
    let query = searchBase(db, q).select(ENTRY_COLUMNS);
    if (q.after !== undefined) {
      const after = q.after;
      query = key === 'id' ? query.where('id', q.direction === 'asc' ? '>' : '<', String(after.id)) : query.where((eb) => keysetAfter(eb, key, 'id', after, q.direction));
    }
    return query;
  };
  const ordered = <Q extends { orderBy: (k: 'id' | ChildOrder, d: 'asc' | 'desc') => Q }>(query: Q): Q =>
    key === 'id' ? query.orderBy('id', q.direction) : query.orderBy(key, q.direction).orderBy('id', q.direction);
  const unmarked = ordered(base().where('binned_under', 'is', null)).limit(q.limit);
  if (q.staleRoots.length === 0) return (await unmarked.execute()).map(toEntry);
  // One statement, so both halves read one snapshot: read one after the other, a row
  // whose stale mark the marking cleared in between was in neither (seen on PostgreSQL).
  const stale = ordered(base().where('binned_under', 'in', q.staleRoots)).limit(q.limit);
  const merged = db.selectFrom(unmarked.as('unmarked')).selectAll().unionAll(db.selectFrom(stale.as('stale')).selectAll());
  const rows = await ordered(merged).limit(q.limit).execute();
  return rows.map(toEntry);
}

/**
 * How many rows match as search sees them: one statement of two indexed counts, over the
 * unmarked rows and over rows whose marks are not trusted (`staleRoots`). It counts what
 * the indexes hold as live, without the per-row ancestor check: right after a folder is
 * trashed, its entries that the background marking has not reached yet are counted too.
 */
export async function countSearchMatches(db: Db, q: { driveId: string; filter: EntryFilter; staleRoots: string[] }): Promise<number> {
  const unmarked = searchBase(db, q).where('binned_under', 'is', null).select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (q.staleRoots.length === 0) return Number((await unmarked.executeTakeFirstOrThrow()).n);
  const stale = searchBase(db, q).where('binned_under', 'in', q.staleRoots).select((eb) => eb.fn.countAll<number | string>().as('n'));
  const rows = await unmarked.unionAll(stale).execute();
  return rows.reduce((sum, r) => sum + Number(r.n), 0);
}

/**
 * What a restore clears on an entry: it is no bin item any more, no job has a claim on
 * it, no search mark puts it under a trash root, no deletion event holds it.
 */
export const OUT_OF_THE_BIN = {
  trashed_at: null,
  trashed_by: null,
  orig_parent_id: null,
  orig_path: null,
  purge_job_id: null,
  restore_job_id: null,
  binned_under: null,
  deletion_event_id: null,
} as const;

/**
 * Bin items back into their live folder `parentId` under the names they have (a bulk
 * restore checked those are free): the trash columns cleared, as applyRestore clears them.
 */
export async function restoreRowsInto(w: DriveTx, move: { ids: string[]; parentId: string; now: number; by: string }): Promise<void> {
  if (move.ids.length === 0) return;
  await w.tx
    .updateTable('entries')
    .set({
      parent_id: move.parentId,
      ...OUT_OF_THE_BIN,
      changed_at: move.now,
      modified_by: move.by,
    })
    .where('drive_id', '=', w.driveId)
    .where('id', 'in', move.ids)
    .execute();
}
