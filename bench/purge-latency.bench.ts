import { sql } from 'kysely';
import { startOn, type BenchDatabase } from './bench-database.js';
import { waitForJob } from './bench-node.js';
import { runBenchChild } from './child-process.js';
import type { LoadResult } from './load-child.js';
import { preparePlan } from './request-throughput.bench.js';
import type { Scale } from './scale.js';
import { seedSubtreePostgres } from './seed-postgres.js';
import { seedSubtree } from './seed.js';
import { summarize, type Summary } from './stats.js';

export interface PurgeLatencyResult {
  database: BenchDatabase;
  clients: number;
  purgeEntries: number;
  /** `/v2/file/list` latency with the node idle, then while a purge runs on another drive. */
  idle: Summary;
  purging: Summary;
  /** Entries the purge removed during the timed window, and whether it was still running at its end. */
  purgedInWindow: number;
  purgeOutlastedWindow: boolean;
}

/** Few clients: this measures how long a request waits, not how many the node can serve. */
const CLIENTS = 2;

/**
 * Requests during a purge: pages of a 10,000-file folder (`/v2/file/list`, random pages) from
 * a load generator in its own process, first with the node idle, then while a delete job
 * purges a `scale.latencyPurgeEntries`-entry folder of another drive. A purge that holds
 * the main thread or the one connection shows up here as a fatter tail.
 */
export async function benchPurgeLatency(scale: Scale, database: BenchDatabase): Promise<PurgeLatencyResult> {
  const setup = await startOn(database);
  try {
    const { node } = setup;
    const { salvage, actor } = node;
    const plan = await preparePlan(node, database, scale);
    const other = await salvage.drives.create(actor, { name: 'bench-purged', origin: 'pds' });
    const folderId = (await salvage.entries.createFolder(actor, { driveId: other.id, parentId: 'root', name: 'going' })).entry.id;
    const seedInput = { driveId: other.id, parentId: folderId, entries: scale.latencyPurgeEntries, idPrefix: 'p', createdBy: actor.userId };
    if (database === 'sqlite') seedSubtree({ ...seedInput, file: node.databaseFile });
    else {
      await seedSubtreePostgres(salvage.ctx.store, seedInput);
      // As autovacuum would after a load this size: planned on the statistics of the
      // 10,000-row table before it, the purge crawled (nothing purged in a 6 s window).
      await sql`analyze entries`.execute(salvage.ctx.store.db);
    }

    const listLoad = () =>
      runBenchChild<LoadResult[]>('load-child.ts', [JSON.stringify({ ...plan, urls: [node.url], clients: CLIENTS, operations: ['list'] })]);
    const idle = (await listLoad())[0]!;

    const job = await salvage.bin.delete(actor, { driveId: other.id, fileId: folderId, policy: 'queue', binOnly: false });
    // The window opens once the job has started purging.
    while ((await salvage.jobs.get(actor, String(job.id))).processed === 0) await new Promise((r) => setTimeout(r, 5));
    const before = (await salvage.jobs.get(actor, String(job.id))).processed;
    const purging = (await listLoad())[0]!;
    const after = await salvage.jobs.get(actor, String(job.id));
    await waitForJob(node, job.id);
    const samples = (r: LoadResult) => summarize(r.latencies['file/list'] ?? []);
    return {
      database,
      clients: CLIENTS,
      purgeEntries: scale.latencyPurgeEntries,
      idle: samples(idle),
      purging: samples(purging),
      purgedInWindow: after.processed - before,
      purgeOutlastedWindow: after.state === 'running',
    };
  } finally {
    await setup.cleanup();
  }
}
