import { sql } from 'kysely';
import { listBin } from '../src/store/repositories/bin.repository.js';
import { listChildren } from '../src/store/repositories/entries.repository.js';
import type { Db } from '../src/store/store.js';
import { startOn, type BenchDatabase } from './bench-database.js';
import type { Scale } from './scale.js';
import { seedSubtreePostgres } from './seed-postgres.js';
import { seedSubtree } from './seed.js';
import { summarize, type Summary } from './stats.js';

export interface PageDepthCase {
  listing: 'folder' | 'bin';
  entries: number;
  /** The first page and the page that starts 90% of the way in, in ms. */
  first: Summary;
  deep: Summary;
  /** The query plan of the deep page, as the database prints it. */
  plan: string;
}

export interface PageDepthResult {
  database: BenchDatabase;
  pageSize: number;
  seedSeconds: number;
  cases: PageDepthCase[];
}

/** Rows a page reads: the PDS default page of 100, plus one to know there is a next page. */
const PAGE = 101;
const DEPTH = 0.9;

/**
 * Keyset pages at depth: a folder holding `scale.pageEntries` children listed by name, and a
 * bin holding as many items listed newest first, each read from the first page and from a
 * page 90% of the way in, the two alternating so that other load falls on both alike. The
 * queries are the store's own (`listChildren`, `listBin`) on a real node's connection; the
 * marker of the deep page is looked up once, untimed, as a client would hold it from the
 * page before. A keyset condition the planner reads as an index range costs the same at any
 * depth; one it reads as a filter walks to the marker (the OR form was 30x at 1M).
 */
export async function benchPageDepth(scale: Scale, database: BenchDatabase): Promise<PageDepthResult> {
  const setup = await startOn(database);
  try {
    const { salvage, actor, databaseFile } = setup.node;
    const db = salvage.ctx.store.db;
    const drive = await salvage.drives.create(actor, { name: 'bench-pages', origin: 'pds' });
    const folder = async (name: string) => (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name })).entry.id;
    const listed = await folder('listed');
    const binned = await folder('binned');
    const started = performance.now();
    for (const [parentId, idPrefix, binnedBefore] of [[listed, 'l', undefined], [binned, 'b', Date.now()]] as const) {
      const input = { driveId: drive.id, parentId, entries: scale.pageEntries, idPrefix, flat: true, binnedBefore, createdBy: actor.userId };
      if (database === 'sqlite') seedSubtree({ ...input, file: databaseFile });
      else await seedSubtreePostgres(salvage.ctx.store, input);
    }
    // A bulk load leaves PostgreSQL without statistics until autovacuum runs; a real bin grows slowly.
    if (database === 'postgres') await sql`analyze entries`.execute(db);
    const seedSeconds = (performance.now() - started) / 1000;

    const deepAt = Math.floor(scale.pageEntries * DEPTH);
    const folderMarker = await sql<{ key: string; id: string }>`select name as key, id from entries
      where drive_id = ${drive.id} and parent_id = ${listed} and trashed_at is null
      order by name, id limit 1 offset ${deepAt}`.execute(db);
    const binMarker = await sql<{ key: number; id: string }>`select trashed_at as key, id from entries
      where drive_id = ${drive.id} and trashed_at is not null
      order by trashed_at desc, id desc limit 1 offset ${deepAt}`.execute(db);
    const fm = folderMarker.rows[0]!;
    const bm = binMarker.rows[0]!;

    const folderPage = (after?: { key: string | number; id: string }) =>
      listChildren(db, { driveId: drive.id, parentId: listed, orderBy: 'name', direction: 'asc', after, limit: PAGE });
    const binPage = (after?: { key: number; id: string }) =>
      listBin(db, { driveId: drive.id, hiddenBefore: null, after, limit: PAGE });
    const cases: PageDepthCase[] = [
      {
        listing: 'folder',
        entries: scale.pageEntries,
        ...(await firstAndDeep(scale, () => folderPage(), () => folderPage({ key: fm.key, id: fm.id }))),
        plan: await planOf(db, database, folderPageSql(drive.id, listed, fm)),
      },
      {
        listing: 'bin',
        entries: scale.pageEntries,
        ...(await firstAndDeep(scale, () => binPage(), () => binPage({ key: Number(bm.key), id: bm.id }))),
        plan: await planOf(db, database, binPageSql(drive.id, { key: Number(bm.key), id: bm.id })),
      },
    ];
    return { database, pageSize: PAGE - 1, seedSeconds, cases };
  } finally {
    await setup.cleanup();
  }
}

async function firstAndDeep(scale: Scale, first: () => Promise<unknown[]>, deep: () => Promise<unknown[]>): Promise<{ first: Summary; deep: Summary }> {
  const samples = { first: [] as number[], deep: [] as number[] };
  for (let round = 0; round < scale.warmup + scale.repetitions; round++) {
    // The two take turns going first, so neither always reads a cache the other warmed.
    const order = round % 2 === 0 ? (['first', 'deep'] as const) : (['deep', 'first'] as const);
    for (const which of order) {
      const t0 = performance.now();
      const rows = await (which === 'first' ? first() : deep());
      const took = performance.now() - t0;
      if (rows.length !== PAGE) throw new Error(`a ${which} page read ${rows.length} rows, not ${PAGE}`);
      if (round >= scale.warmup) samples[which].push(took);
    }
  }
  return { first: summarize(samples.first), deep: summarize(samples.deep) };
}

// The deep pages' SQL as the store sends it, for EXPLAIN (the row-value keyset of keyset.ts).
const folderPageSql = (driveId: string, parentId: string, m: { key: string; id: string }) =>
  sql`select * from entries where drive_id = ${driveId} and parent_id = ${parentId} and trashed_at is null
    and (name, id) > (${m.key}, ${m.id}) order by name asc, id asc limit ${PAGE}`;
const binPageSql = (driveId: string, m: { key: number; id: string }) =>
  sql`select * from entries where drive_id = ${driveId} and trashed_at is not null and purge_job_id is null
    and (trashed_at, id) < (${m.key}, ${m.id}) order by trashed_at desc, id desc limit ${PAGE}`;

async function planOf(db: Db, database: BenchDatabase, query: ReturnType<typeof sql>): Promise<string> {
  const explain = database === 'sqlite' ? sql`explain query plan ${query}` : sql`explain ${query}`;
  const { rows } = await explain.execute(db);
  const lines = rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN']));
  return lines.join('; ');
}
