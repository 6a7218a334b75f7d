import { sql } from 'kysely';
import { startOn, type BenchDatabase } from './bench-database.js';
import { BENCH_ADMIN_PASSWORD, type BenchNode } from './bench-node.js';
import { assertTree } from './check-tree.js';
import { runBenchChild, startBenchChild } from './child-process.js';
import { newDataDir, removeDataDir } from './data-dir.js';
import type { LoadOperation, LoadPlan, LoadResult } from './load-child.js';
import type { Scale } from './scale.js';
import { seedSubtreePostgres } from './seed-postgres.js';
import { seedSubtree } from './seed.js';
import { summarize, type Summary } from './stats.js';

export interface RequestRun {
  database: BenchDatabase;
  nodes: number;
  operations: {
    operation: LoadOperation;
    perSecond: number;
    /** Share of the machine's CPU busy in the timed window, and the load generator's share. */
    machineBusy: number;
    generatorBusy: number;
    /** Latency by request path. */
    latency: Record<string, Summary>;
  }[];
}

export interface RequestThroughputResult {
  clients: number;
  warmupMs: number;
  durationMs: number;
  folderEntries: number;
  /** How many of the folder's files `get` picks from. */
  sampleFiles: number;
  runs: RequestRun[];
}

const OPERATIONS: LoadOperation[] = ['get', 'list', 'trashRestore'];
/** Files read at random by `get`; enough that no single row stays hot. */
export const SAMPLE_FILES = 500;
const LIST_PAGES = 100;

/**
 * Requests over real HTTP to a real node: PDS file/get, a page of file/list from a big
 * folder, and recyclebin trash + restore pairs, each for a fixed time from a fixed number
 * of keep-alive clients in another process. On PostgreSQL the same load also goes to two
 * nodes on the one database, the clients split between them; the second node is a process
 * of its own, as it would be on a second machine.
 */
export async function benchRequestThroughput(scale: Scale, database: BenchDatabase, nodeCounts: number[]): Promise<RequestRun[]> {
  const setup = await startOn(database);
  const extraNodes: { stop(): Promise<void> }[] = [];
  const extraDirs: string[] = [];
  try {
    const { node } = setup;
    const plan = await preparePlan(node, database, scale);
    const runs: RequestRun[] = [];
    const urls = [node.url];
    for (const nodes of nodeCounts) {
      while (urls.length < nodes) {
        const dataDir = await newDataDir();
        extraDirs.push(dataDir);
        const child = await startBenchChild<{ url: string }>('node-child.ts', [dataDir, setup.databaseUrl]);
        extraNodes.push(child);
        urls.push(child.ready.url);
      }
      const results = await runBenchChild<LoadResult[]>('load-child.ts', [JSON.stringify({ ...plan, urls: urls.slice(0, nodes) })]);
      runs.push({
        database,
        nodes,
        operations: results.map((r) => ({
          operation: r.operation,
          perSecond: r.operations / r.seconds,
          machineBusy: r.machineBusy,
          generatorBusy: r.generatorBusy,
          latency: Object.fromEntries(Object.entries(r.latencies).map(([path, samples]) => [path, summarize(samples)])),
        })),
      });
    }
    await assertTree(node.salvage.ctx.store.db, plan.driveId, 'after the request load');
    return runs;
  } finally {
    for (const child of extraNodes) await child.stop();
    for (const dir of extraDirs) await removeDataDir(dir);
    await setup.cleanup();
  }
}

/** The data the clients use: a big folder, a sample of its files, its page markers, a drive per client. */
export async function preparePlan(node: BenchNode, database: BenchDatabase, scale: Scale): Promise<Omit<LoadPlan, 'urls'>> {
  const { salvage, actor } = node;
  const store = salvage.ctx.store;
  const drive = await salvage.drives.create(actor, { name: 'bench-requests', origin: 'pds' });
  const folderId = (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name: 'big' })).entry.id;
  const seedInput = { driveId: drive.id, parentId: folderId, entries: scale.requestFolderEntries, idPrefix: 'r', createdBy: actor.userId, flat: true };
  if (database === 'sqlite') seedSubtree({ ...seedInput, file: node.databaseFile });
  else {
    await seedSubtreePostgres(store, seedInput);
    await sql`analyze entries`.execute(store.db);
  }
  await assertTree(store.db, drive.id, 'after seeding');

  const sample = await store.db
    .selectFrom('entries')
    .select('id')
    .where('drive_id', '=', drive.id)
    .where('parent_id', '=', folderId)
    .orderBy('id')
    .limit(SAMPLE_FILES)
    .execute();
  const token = await accessToken(node.url);
  const markers = await pageMarkers(node.url, token, drive.id, folderId);
  const pairs = [];
  for (let i = 0; i < scale.requestClients; i++) {
    // A drive per client: restores are jobs and take the drive, so clients sharing one
    // would queue behind each other (PDS policy) instead of measuring the requests.
    const own = await salvage.drives.create(actor, { name: `bench-pair-${i}`, origin: 'pds' });
    const work = await salvage.entries.createFolder(actor, { driveId: own.id, parentId: 'root', name: 'work' });
    await salvage.entries.createFolder(actor, { driveId: own.id, parentId: work.entry.id, name: 'inside' });
    pairs.push({ driveId: own.id, fileId: work.entry.id });
  }
  return {
    token,
    clients: scale.requestClients,
    warmupMs: scale.requestWarmupMs,
    durationMs: scale.requestDurationMs,
    operations: OPERATIONS,
    driveId: drive.id,
    fileIds: sample.map((r) => r.id),
    folderId,
    markers,
    pairs,
  };
}

async function postJson(url: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/v2/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function accessToken(url: string): Promise<string> {
  const answer = await postJson(url, 'account/token', { grant_type: 'password', username: 'admin', password: BENCH_ADMIN_PASSWORD });
  return answer.access_token as string;
}

/** The marker of every page of the folder (null for the first), so clients can ask for any page. */
async function pageMarkers(url: string, token: string, driveId: string, folderId: string): Promise<(string | null)[]> {
  const markers: (string | null)[] = [null];
  while (markers.length < LIST_PAGES) {
    const marker = markers[markers.length - 1];
    const page = await postJson(url, 'file/list', { drive_id: driveId, parent_file_id: folderId, limit: 100, ...(marker && { marker }) }, token);
    if (!page.next_marker) break;
    markers.push(page.next_marker as string);
  }
  return markers;
}
