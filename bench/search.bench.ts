import { sql } from 'kysely';
import { defaultSettings } from '../src/core/context.js';
import { markStep } from '../src/core/recycle-bin/search-marks.js';
import type { Salvage } from '../src/core/salvage.js';
import type { Actor } from '../src/core/types.js';
import type { EntryFilter } from '../src/store/repositories/entries.repository.js';
import type { Db } from '../src/store/store.js';
import { startOn, type BenchDatabase } from './bench-database.js';
import type { Scale } from './scale.js';
import { seedSubtreePostgres } from './seed-postgres.js';
import { seedSubtree } from './seed.js';
import { summarize, type Summary } from './stats.js';

export type SearchQuery = 'contains' | 'equals';
/** The bin beside the live files: none, trashed but not yet marked, or marked. */
export type SearchBin = 'empty' | 'unmarked' | 'marked';

export interface SearchCase {
  /** Which round of timing: the empty-bin drive is timed in both, beside the binned one. */
  round: 'before-marking' | 'after-marking';
  query: SearchQuery;
  bin: SearchBin;
  /** Entries in the bin of the drive searched. */
  binEntries: number;
  /** The first page (100 items), in ms, through the core's search. */
  firstPage: Summary;
}

export interface SearchResult {
  database: BenchDatabase;
  liveEntries: number;
  seedSeconds: number;
  cases: SearchCase[];
  /**
   * Query plans of the candidates query on each drive once marked, as run (PostgreSQL:
   * EXPLAIN ANALYZE with buffers, to see what the bin still costs).
   */
  plans: Record<'empty' | 'binned', Record<SearchQuery, string>>;
}

const PAGE = 100;
const FILTERS: Record<SearchQuery, EntryFilter> = {
  // Every seeded file is named file-<n>.dat: all live files match, and so do all in the bin.
  contains: { kind: 'nameContains', value: 'ile-' },
  // One live file, and about one in every leaf folder of the bin.
  equals: { kind: 'nameEquals', value: 'file-5.dat' },
};

/**
 * First page of a live search, on two drives of one node: `empty` holds
 * `scale.searchLiveEntries` live files and an empty bin; `binned` the same files plus a
 * trashed folder of `scale.searchBinEntries` entries whose names match too. Ids are random
 * on both, so bin rows and live rows interleave in id order as they do in use. The binned
 * drive is timed first as trash leaves it (the ancestor check drops the bin's rows), then
 * with every row marked, as the search marking leaves it. The drives take turns in every
 * round, so other load falls on both alike: the ratio binned/empty is what counts.
 */
export async function benchSearch(scale: Scale, database: BenchDatabase): Promise<SearchResult> {
  // The node's own marking stays off: the benchmark sets the marks itself, at once.
  const setup = await startOn(database, { searchMarkBatchSize: 0 });
  try {
    const { salvage, actor, databaseFile } = setup.node;
    const db = salvage.ctx.store.db;
    const started = performance.now();
    const seed = async (driveId: string, parentId: string, entries: number, flat: boolean) => {
      const input = { driveId, parentId, entries, idPrefix: '', flat, createdBy: actor.userId };
      if (database === 'sqlite') seedSubtree({ ...input, file: databaseFile });
      else await seedSubtreePostgres(salvage.ctx.store, input);
    };
    const makeDrive = async (name: string) => {
      const drive = await salvage.drives.create(actor, { name, origin: 'pds' });
      const live = await folder(salvage, actor, drive.id, 'live');
      await seed(drive.id, live, scale.searchLiveEntries, true);
      return { driveId: drive.id, live };
    };
    const empty = await makeDrive('search-empty-bin');
    const binned = await makeDrive('search-full-bin');
    const box = await folder(salvage, actor, binned.driveId, 'box');
    await seed(binned.driveId, box, scale.searchBinEntries, false);
    await salvage.bin.trash(actor, { driveId: binned.driveId, fileId: box });
    if (database === 'postgres') await sql`analyze entries`.execute(db);
    const seedSeconds = (performance.now() - started) / 1000;

    const cases: SearchCase[] = [];
    cases.push(...(await timePair(scale, salvage, actor, { empty: empty.driveId, binned: binned.driveId }, 'unmarked')));
    // As the marking leaves it: every row below the trash root names it, and nothing is queued.
    await sql`update entries set binned_under = ${box}
      where drive_id = ${binned.driveId} and id not in ('root', ${box}, ${binned.live}) and parent_id <> ${binned.live}`.execute(db);
    await sql`delete from search_marks`.execute(db);
    await sql`delete from search_mark_frontier`.execute(db);
    // The update left a million dead index entries behind on PostgreSQL; marking in small
    // batches leaves them to autovacuum, which a bulk update outruns, so vacuum as it would.
    if (database === 'postgres') await sql`vacuum analyze entries`.execute(db);
    cases.push(...(await timePair(scale, salvage, actor, { empty: empty.driveId, binned: binned.driveId }, 'marked')));
    const plansOf = async (driveId: string) => ({
      contains: await planOf(db, database, driveId, FILTERS.contains),
      equals: await planOf(db, database, driveId, FILTERS.equals),
    });
    const plans = { empty: await plansOf(empty.driveId), binned: await plansOf(binned.driveId) };
    return { database, liveEntries: scale.searchLiveEntries, seedSeconds, cases, plans };
  } finally {
    await setup.cleanup();
  }
}

async function folder(salvage: Salvage, actor: Actor, driveId: string, name: string): Promise<string> {
  return (await salvage.entries.createFolder(actor, { driveId, parentId: 'root', name })).entry.id;
}

/** Both queries on both drives, the four taking turns in every round. */
async function timePair(
  scale: Scale,
  salvage: Salvage,
  actor: Actor,
  drives: { empty: string; binned: string },
  bin: Exclude<SearchBin, 'empty'>,
): Promise<SearchCase[]> {
  const runs = (['contains', 'equals'] as const).flatMap((query) =>
    (['empty', 'binned'] as const).map((which) => ({ query, which, samples: [] as number[] })),
  );
  // Before marking a page takes seconds: a few rounds tell that, and keep the run short.
  const warmup = bin === 'unmarked' ? 1 : scale.warmup;
  const repetitions = bin === 'unmarked' ? Math.min(scale.repetitions, 5) : scale.repetitions;
  for (let round = 0; round < warmup + repetitions; round++) {
    const order = round % 2 === 0 ? runs : [...runs].reverse();
    for (const run of order) {
      const driveId = drives[run.which];
      const t0 = performance.now();
      const page = await salvage.entries.search(actor, { driveId, filter: FILTERS[run.query], limit: PAGE, scope: run.query });
      const took = performance.now() - t0;
      const expected = run.query === 'contains' ? PAGE : 1;
      if (page.items.length !== expected) throw new Error(`${run.query} on ${run.which} found ${page.items.length}, not ${expected}`);
      if (round >= warmup) run.samples.push(took);
    }
  }
  return runs.map(
    (r): SearchCase => ({
      round: bin === 'unmarked' ? 'before-marking' : 'after-marking',
      query: r.query,
      bin: r.which === 'empty' ? 'empty' : bin,
      binEntries: r.which === 'empty' ? 0 : scale.searchBinEntries,
      firstPage: summarize(r.samples),
    }),
  );
}

async function planOf(db: Db, database: BenchDatabase, driveId: string, filter: EntryFilter): Promise<string> {
  const condition =
    filter.kind === 'nameContains' ? sql`lower(name) like lower(${`%${filter.value}%`}) escape '\\'` : sql`name = ${filter.kind === 'nameEquals' ? filter.value : ''}`;
  const query = sql`select * from entries where drive_id = ${driveId} and trashed_at is null and id <> 'root'
    and ${condition} and binned_under is null order by id limit ${PAGE * 2}`;
  const explain = database === 'sqlite' ? sql`explain query plan ${query}` : sql`explain (analyze, buffers) ${query}`;
  const { rows } = await explain.execute(db);
  return rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN'])).join('; ');
}

export interface MarkingResult {
  database: BenchDatabase;
  entries: number;
  batchSize: number;
  /** Wall time of the whole marking, batch after batch as the engine runs it (no pauses). */
  seconds: number;
  /** Batches (transactions) it took, and the slowest one in ms. */
  batches: number;
  slowestBatchMs: number;
}

/**
 * How fast the search marking covers a trashed folder of `entries` (the seeded tree
 * shape), a batch at a time with the default batch size: how long search leans on the
 * ancestor check after a big trash.
 */
export async function benchSearchMarking(entries: number, database: BenchDatabase): Promise<MarkingResult> {
  const setup = await startOn(database, { searchMarkBatchSize: 0 });
  try {
    const { salvage, actor, databaseFile } = setup.node;
    const drive = await salvage.drives.create(actor, { name: 'search-marking', origin: 'pds' });
    const box = await folder(salvage, actor, drive.id, 'box');
    const input = { driveId: drive.id, parentId: box, entries, idPrefix: '', flat: false, createdBy: actor.userId };
    if (database === 'sqlite') seedSubtree({ ...input, file: databaseFile });
    else await seedSubtreePostgres(salvage.ctx.store, input);
    if (database === 'postgres') await sql`analyze entries`.execute(salvage.ctx.store.db);
    await salvage.bin.trash(actor, { driveId: drive.id, fileId: box });
    const batchSize = defaultSettings.searchMarkBatchSize;
    let batches = 0;
    let slowestBatchMs = 0;
    const t0 = performance.now();
    for (;;) {
      const b0 = performance.now();
      if (!(await markStep(salvage.ctx, batchSize))) break;
      slowestBatchMs = Math.max(slowestBatchMs, performance.now() - b0);
      batches++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const marked = await sql<{ n: number }>`select count(*) as n from entries where binned_under = ${box}`.execute(salvage.ctx.store.db);
    if (Number(marked.rows[0]!.n) !== entries) throw new Error(`marked ${marked.rows[0]!.n} of ${entries}`);
    return { database, entries, batchSize, seconds, batches, slowestBatchMs };
  } finally {
    await setup.cleanup();
  }
}
