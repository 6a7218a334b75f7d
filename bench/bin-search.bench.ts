import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { BinFilter } from '../src/store/repositories/bin-filter.js';
import { type BinSearchQuery, binSearchStatement, searchBinRows } from '../src/store/repositories/bin-search.repository.js';
import type { Store } from '../src/store/store.js';
import { startOn, type BenchDatabase } from './bench-database.js';
import type { Scale } from './scale.js';
import { summarize, type Summary } from './stats.js';

/** Rows a first page reads: the PDS default page of 50, plus one to know there is a next page. */
const PAGE = 51;
/** Items that match each rare filter, whatever the bin's size: the hard case for an index. */
const RARE = 100;
const EXTENSIONS = ['pdf', 'txt', 'jpg', 'docx', 'xlsx'];
const T0 = Date.UTC(2026, 0, 1);
const ROWS_PER_TRANSACTION = 5000;
const iso = (ms: number) => new Date(ms).toISOString();

export type BinSearchFilter =
  | 'name substring' | 'exact name' | 'trashed_at range' | 'trashed_by' | 'original_parent_file_id' | 'size range' | 'extension'
  | 'name substring, with descendants' | 'name substring, inside a folder';

export interface BinSearchCase {
  filter: BinSearchFilter;
  query: string;
  small: Summary;
  large: Summary;
  /** The query plan at the large size, as the database prints it. */
  plan: string;
}

export interface BinSearchResult {
  database: BenchDatabase;
  smallItems: number;
  largeItems: number;
  seedSeconds: number;
  cases: BinSearchCase[];
}

/**
 * The bin item `i` of `n`: every one is a file trashed a second after the one before, by
 * one of ten users, from one of a thousand folders, with a size below 10 kB and one of five
 * extensions (a fifth are PDFs: a common match). RARE of them, spread evenly, are the
 * needles: a name holding "needle", a deleter, a folder and a size nobody else has.
 */
function binRow(i: number, n: number) {
  const rare = i % Math.floor(n / RARE) === 0;
  const folder = rare ? 'o-rare' : `o${i % 1000}`;
  const name = `${rare ? 'needle' : 'file'}-${i}-${['alpha', 'beta', 'gamma', 'delta'][i % 4]}.${EXTENSIONS[i % EXTENSIONS.length]}`;
  return {
    id: `b${i.toString(16).padStart(8, '0')}`,
    name,
    size: rare ? 1_000_000_000 + i : i % 10_000,
    trashed_at: T0 + i * 1000,
    trashed_by: rare ? 'u-rare' : `u-${i % 10}`,
    orig_parent_id: folder,
    orig_path: `/${folder}/${name}`,
  };
}

/**
 * Besides its bin items, each bin holds one folder trashed before them all, with
 * `heldRows(n)` entries inside it, marked as the background marking leaves them; RARE of
 * them, spread evenly, are named "pin-": found only with include_descendants, and only
 * after every bin item, in trash-time order.
 */
const heldRows = (n: number) => Math.max(1000, Math.floor(n / 10));
const HELD_BOX = 'held-box';

function heldRow(i: number, n: number) {
  const rare = i % Math.floor(heldRows(n) / RARE) === 0;
  return { id: `h${i.toString(16).padStart(8, '0')}`, name: `${rare ? 'pin' : 'hay'}-${i}.txt`, size: i % 10_000 };
}

/** The filters of issue 14 item 1, each as the bin's search runs it; `n` picks a time window of RARE items. */
function filters(n: number): { filter: BinSearchFilter; query: string; f: BinFilter; descendants?: true }[] {
  const mid = Math.floor(n / 2);
  return [
    { filter: 'name substring', query: 'name match "needle"', f: { kind: 'nameContains', value: 'needle' } },
    { filter: 'exact name', query: `name = "${binRow(mid, n).name}"`, f: { kind: 'nameEquals', value: binRow(mid, n).name } },
    {
      filter: 'trashed_at range',
      query: `trashed_at >= "${iso(T0 + mid * 1000)}" and trashed_at < "${iso(T0 + (mid + RARE) * 1000)}"`,
      f: { kind: 'and', items: [{ kind: 'trashedAt', op: '>=', value: T0 + mid * 1000 }, { kind: 'trashedAt', op: '<', value: T0 + (mid + RARE) * 1000 }] },
    },
    { filter: 'trashed_by', query: 'trashed_by = "u-rare"', f: { kind: 'trashedBy', value: 'u-rare' } },
    { filter: 'original_parent_file_id', query: 'original_parent_file_id = "o-rare"', f: { kind: 'origParent', value: 'o-rare' } },
    { filter: 'size range', query: 'size > 100000000', f: { kind: 'size', op: '>', value: 100_000_000 } },
    { filter: 'extension', query: 'file_extension = "pdf"', f: { kind: 'extension', value: 'pdf' } },
    // include_descendants (0022): the needles among the bin items, and the pins inside the oldest one.
    { filter: 'name substring, with descendants', query: 'name match "needle"', f: { kind: 'nameContains', value: 'needle' }, descendants: true },
    { filter: 'name substring, inside a folder', query: 'name match "pin-"', f: { kind: 'nameContains', value: 'pin-' }, descendants: true },
  ];
}

/**
 * The first page of the bin's search at 1,000 bin items and at `scale.binSearchEntries`,
 * for each filter, through the store's own query (searchBinRows, the trigram probe
 * included) on a real node's connection, newest trashed first. The two sizes live in two
 * nodes of their own and take turns, so other load falls on both alike. Target (issue 14):
 * the large bin's median at most 2x the small one's.
 */
export async function benchBinSearch(scale: Scale, database: BenchDatabase): Promise<BinSearchResult> {
  // The seeded items were trashed months ago: the nodes' housekeeping must not expire the
  // small bin while the large one is still being seeded (it runs at start, then hourly here).
  const quiet = { retentionCheckIntervalMs: 3_600_000 };
  const small = await startOn(database, quiet);
  const large = await startOn(database, quiet);
  try {
    const started = performance.now();
    const sizes = [
      { setup: small, n: 1000 },
      { setup: large, n: scale.binSearchEntries },
    ];
    const drives: string[] = [];
    for (const { setup, n } of sizes) {
      const { salvage, actor, databaseFile } = setup.node;
      const drive = await salvage.drives.create(actor, { name: 'bench-bin-search', origin: 'pds' });
      drives.push(drive.id);
      if (database === 'sqlite') seedSqlite(databaseFile, drive.id, n, actor.userId);
      else await seedPostgres(salvage.ctx.store, drive.id, n, actor.userId);
      // A bulk load leaves PostgreSQL without statistics until autovacuum runs; a real bin grows slowly.
      if (database === 'postgres') await sql`analyze entries`.execute(salvage.ctx.store.db);
    }
    const seedSeconds = (performance.now() - started) / 1000;
    const cases: BinSearchCase[] = [];
    for (const [k, { filter, query, descendants }] of filters(1000).entries()) {
      const page = (i: 0 | 1) => {
        const store = sizes[i]!.setup.node.salvage.ctx.store;
        const f = filters(sizes[i]!.n)[k]!.f;
        return () => searchBinRows(store.db, queryOf(store, drives[i]!, f, descendants));
      };
      const timed = await alternate(scale, page(0), page(1));
      const large = sizes[1]!.setup.node.salvage.ctx.store;
      cases.push({
        filter, query: descendants ? `${query}, include_descendants` : query, ...timed,
        plan: await planOf(large, database, queryOf(large, drives[1]!, filters(sizes[1]!.n)[k]!.f, descendants)),
      });
    }
    return { database, smallItems: 1000, largeItems: scale.binSearchEntries, seedSeconds, cases };
  } finally {
    await small.cleanup();
    await large.cleanup();
  }
}

/** The first page's query, as the core's searchBin asks it. */
function queryOf(store: Store, driveId: string, filter: BinFilter, descendants: true | undefined): BinSearchQuery {
  return {
    driveId, hiddenBefore: null, filter, orderBy: 'trashedAt', direction: 'desc', limit: PAGE, ...(descendants && { descendants: { staleRoots: [] } }),
    trigramTable: store.capabilities.trigramTable, crossJoinOrders: store.capabilities.crossJoinOrders,
  };
}

async function alternate(scale: Scale, small: () => Promise<unknown[]>, large: () => Promise<unknown[]>): Promise<{ small: Summary; large: Summary }> {
  const samples = { small: [] as number[], large: [] as number[] };
  for (let round = 0; round < scale.warmup + scale.repetitions; round++) {
    const order = round % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
    for (const which of order) {
      const t0 = performance.now();
      const rows = await (which === 'small' ? small() : large());
      const took = performance.now() - t0;
      if (rows.length === 0) throw new Error(`a ${which} bin's search found nothing`);
      if (round >= scale.warmup) samples[which].push(took);
    }
  }
  return { small: summarize(samples.small), large: summarize(samples.large) };
}

/** Straight into the node's SQLite file, as bench/seed.ts does; the triggers of 0016 fill the trigram table. */
function seedSqlite(file: string, driveId: string, n: number, createdBy: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -262144');
  try {
    const insert = db.prepare(
      `insert into entries (drive_id, id, parent_id, name, type, size, content_type, content_hash, blob_id, status, created_by, modified_by,
         created_at, updated_at, accessed_at, changed_at, tree_bytes, tree_count, trashed_at, trashed_by, orig_parent_id, orig_path)
       values (@drive_id, @id, null, @name, 'file', @size, 'application/octet-stream', '', null, 'available', @created_by, @created_by,
         @trashed_at, @trashed_at, @trashed_at, @trashed_at, @size, 1, @trashed_at, @trashed_by, @orig_parent_id, @orig_path)`,
    );
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run({ ...binRow(i, n), drive_id: driveId, created_by: createdBy });
    });
    for (let i = 0; i < n; i += ROWS_PER_TRANSACTION) batch(i, Math.min(n, i + ROWS_PER_TRANSACTION));
    insert.run({ ...heldBox(), drive_id: driveId, created_by: createdBy });
    db.prepare(`update entries set type = 'folder' where drive_id = ? and id = ?`).run(driveId, HELD_BOX);
    const inside = db.prepare(
      `insert into entries (drive_id, id, parent_id, name, type, size, content_type, content_hash, blob_id, status, created_by, modified_by,
         created_at, updated_at, accessed_at, changed_at, tree_bytes, tree_count, binned_under)
       values (@drive_id, @id, '${HELD_BOX}', @name, 'file', @size, 'application/octet-stream', '', null, 'available', @created_by, @created_by,
         ${T0}, ${T0}, ${T0}, ${T0}, @size, 1, '${HELD_BOX}')`,
    );
    const held = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) inside.run({ ...heldRow(i, n), drive_id: driveId, created_by: createdBy });
    });
    for (let i = 0; i < heldRows(n); i += ROWS_PER_TRANSACTION) held(i, Math.min(heldRows(n), i + ROWS_PER_TRANSACTION));
  } finally {
    db.close();
  }
}

/** The folder holding heldRows(n) entries: trashed before every bin item, by nobody the filters name. */
function heldBox() {
  return { id: HELD_BOX, name: HELD_BOX, size: 0, trashed_at: T0 - 1000, trashed_by: 'u-0', orig_parent_id: 'o0', orig_path: `/o0/${HELD_BOX}` };
}

/** Through the node's pool, a batch a statement by unnest, as bench/seed-postgres.ts does. */
async function seedPostgres(store: Store, driveId: string, n: number, createdBy: string): Promise<void> {
  type Row = { id: string; name: string; size: number; type: 'file' | 'folder'; parent_id: string | null; binned_under: string | null;
    trashed_at: number | null; trashed_by: string | null; orig_parent_id: string | null; orig_path: string | null };
  const insert = async (rows: Row[]) => {
    const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
    await store.transaction(async (tx) => {
      await sql`set local synchronous_commit = off`.execute(tx);
      await sql`insert into entries (drive_id, id, parent_id, name, type, size, content_type, content_hash, blob_id, status, created_by, modified_by,
          created_at, updated_at, accessed_at, changed_at, tree_bytes, tree_count, trashed_at, trashed_by, orig_parent_id, orig_path, binned_under)
        select ${driveId}, u.id, u.parent_id, u.name, u.type, u.size, 'application/octet-stream', '', null, 'available', ${createdBy}, ${createdBy},
          ${T0}, ${T0}, ${T0}, ${T0}, u.size, 1, u.trashed_at, u.trashed_by, u.orig_parent_id, u.orig_path, u.binned_under
        from unnest(${column('id')}::text[], ${column('parent_id')}::text[], ${column('name')}::text[], ${column('type')}::text[], ${column('size')}::bigint[],
          ${column('trashed_at')}::bigint[], ${column('trashed_by')}::text[], ${column('orig_parent_id')}::text[], ${column('orig_path')}::text[],
          ${column('binned_under')}::text[])
          as u(id, parent_id, name, type, size, trashed_at, trashed_by, orig_parent_id, orig_path, binned_under)`.execute(tx);
    });
  };
  const inBatches = async (count: number, row: (i: number) => Row) => {
    for (let from = 0; from < count; from += ROWS_PER_TRANSACTION) {
      await insert(Array.from({ length: Math.min(ROWS_PER_TRANSACTION, count - from) }, (_, k) => row(from + k)));
    }
  };
  const plain = { type: 'file' as const, parent_id: null, binned_under: null };
  await inBatches(n, (i) => ({ ...binRow(i, n), ...plain }));
  await insert([{ ...heldBox(), ...plain, type: 'folder' }]);
  const inside = { type: 'file' as const, parent_id: HELD_BOX, binned_under: HELD_BOX, trashed_at: null, trashed_by: null, orig_parent_id: null, orig_path: null };
  await inBatches(heldRows(n), (i) => ({ ...heldRow(i, n), ...inside }));
}

/** The plan of the large bin's first page, as the database prints it. */
async function planOf(store: Store, database: BenchDatabase, query: BinSearchQuery): Promise<string> {
  const statement = await binSearchStatement(store.db, query);
  const explain = database === 'sqlite' ? sql`explain query plan ${statement}` : sql`explain ${statement}`;
  const { rows } = await explain.execute(store.db);
  return rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN'])).join('; ');
}
