import { sql } from 'kysely';
import { startOn, type BenchDatabase } from './bench-database.js';
import { waitForJob, type BenchNode } from './bench-node.js';
import { assertTree } from './check-tree.js';
import { plainDelete, type PlainDeleteOrder, type StorageOrder } from './plain-delete.js';
import type { Scale } from './scale.js';
import { addAlongChainPostgres, seedSubtreePostgres } from './seed-postgres.js';
import { addToChain, seedSubtree, type SeedShape } from './seed.js';

export type PurgeMethod = 'job' | 'plainStorageOrder' | 'plainIdOrder';
const METHODS: PurgeMethod[] = ['job', 'plainStorageOrder', 'plainIdOrder'];

export interface PurgeRates {
  entries: number;
  /** Entries per second of each round, in round order. */
  perSecond: number[];
  medianPerSecond: number;
}

export interface PurgeThroughputResult {
  database: BenchDatabase;
  seed: SeedShape;
  batchSize: number;
  rounds: number;
  rates: Record<PurgeMethod, PurgeRates>;
}

// Seeded ids start with these letters; core ids are hex and 'root', so [q, r) and [s, t)
// hold only the baselines' rows.
const JOB_PREFIX = 'j';
const PLAIN_PREFIXES: Record<PlainDeleteOrder, [string, string]> = { storage: ['q', 'r'], id: ['s', 't'] };

interface Seeded {
  parentId: string;
  shape: SeedShape;
  storage: StorageOrder;
}

/** How each database is seeded and how the counters a plain delete skipped are put right. */
interface SeedOps {
  seed(parentId: string, idPrefix: string): Promise<Seeded>;
  settle(seeded: Seeded): Promise<void>;
}

function seedOps(node: BenchNode, database: BenchDatabase, driveId: string, entries: number): SeedOps {
  const { store } = node.salvage.ctx;
  const createdBy = node.actor.userId;
  if (database === 'sqlite') {
    return {
      async seed(parentId, idPrefix) {
        const { firstRowid, lastRowid, ...shape } = seedSubtree({ file: node.databaseFile, driveId, parentId, entries, idPrefix, createdBy });
        return { parentId, shape, storage: { kind: 'rowids', first: firstRowid, last: lastRowid } };
      },
      async settle({ parentId, shape }) {
        addToChain(node.databaseFile, driveId, parentId, -shape.bytes, -shape.entries);
      },
    };
  }
  return {
    async seed(parentId, idPrefix) {
      const { ids, ...shape } = await seedSubtreePostgres(store, { driveId, parentId, entries, idPrefix, createdBy });
      // What autovacuum does soon after a bulk load: without it the planner guesses the
      // new rows' distribution (see BENCHMARKS.md, "How the data is made").
      await sql`analyze entries`.execute(store.db);
      return { parentId, shape, storage: { kind: 'ids', ids } };
    },
    async settle({ parentId, shape }) {
      await store.transaction((tx) => addAlongChainPostgres(tx, driveId, parentId, -shape.bytes, -shape.entries));
    },
  };
}

/**
 * Identical subtrees in one database, removed three ways: by a real delete job (timed
 * from the call that enqueues it to the moment the job reads succeeded), and by plain SQL
 * in batches of the same size, each batch its own transaction on the same connection, in
 * two row orders. The difference is what the job design costs: walking to the leaves,
 * keeping every ancestor's counters and the drive's bytes right, and recording progress
 * and lease in each batch. Several rounds, each method going first in turn, so that the
 * noise of a shared machine and the order of the runs fall on all three alike.
 */
export async function benchPurgeThroughput(scale: Scale, database: BenchDatabase): Promise<PurgeThroughputResult> {
  const setup = await startOn(database);
  try {
    const { node } = setup;
    const { salvage, actor } = node;
    const db = salvage.ctx.store.db;
    const drive = await salvage.drives.create(actor, { name: 'bench-purge', origin: 'pds' });
    const batchSize = salvage.ctx.settings.purgeBatchSize;
    const ops = seedOps(node, database, drive.id, scale.purgeEntries);
    const samples: Record<PurgeMethod, { entries: number; perSecond: number }[]> = { job: [], plainStorageOrder: [], plainIdOrder: [] };
    let seed: SeedShape | undefined;

    for (let round = 0; round < scale.purgeRounds; round++) {
      const seedFolder = async (method: PurgeMethod, idPrefix: string) => {
        const parentId = (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name: `${method}-${round}` })).entry.id;
        return ops.seed(parentId, idPrefix);
      };
      const byJob = await seedFolder('job', JOB_PREFIX);
      const byStorage = await seedFolder('plainStorageOrder', PLAIN_PREFIXES.storage[0]);
      const byId = await seedFolder('plainIdOrder', PLAIN_PREFIXES.id[0]);
      seed = byJob.shape;
      await assertTree(db, drive.id, 'after seeding');

      const run: Record<PurgeMethod, () => Promise<number>> = {
        job: () => purgeByJob(node, drive.id, byJob.parentId),
        plainStorageOrder: () => purgeByPlainSql(node, drive.id, 'storage', byStorage, batchSize),
        plainIdOrder: () => purgeByPlainSql(node, drive.id, 'id', byId, batchSize),
      };
      // Untimed: the counters a plain delete leaves wrong, put right for the next round's check.
      const settle: Partial<Record<PurgeMethod, () => Promise<void>>> = {
        plainStorageOrder: () => ops.settle(byStorage),
        plainIdOrder: () => ops.settle(byId),
      };
      for (let i = 0; i < METHODS.length; i++) {
        const method = METHODS[(round + i) % METHODS.length]!;
        const t0 = performance.now();
        const entries = await run[method]();
        samples[method].push({ entries, perSecond: entries / ((performance.now() - t0) / 1000) });
        await settle[method]?.();
      }
      await assertTree(db, drive.id, `after round ${round + 1}`);
    }

    const ratesOf = (method: PurgeMethod): PurgeRates => {
      const perSecond = samples[method].map((s) => s.perSecond);
      const sorted = [...perSecond].sort((a, b) => a - b);
      return { entries: samples[method][0]!.entries, perSecond, medianPerSecond: sorted[Math.floor(sorted.length / 2)]! };
    };
    const rates = { job: ratesOf('job'), plainStorageOrder: ratesOf('plainStorageOrder'), plainIdOrder: ratesOf('plainIdOrder') };
    return { database, seed: seed!, batchSize, rounds: scale.purgeRounds, rates };
  } finally {
    await setup.cleanup();
  }
}

/**
 * PDS DeleteFile on the live folder: the call hides it and queues the job (O(depth), in
 * one transaction); the job then purges it batch by batch.
 */
async function purgeByJob(node: BenchNode, driveId: string, folderId: string): Promise<number> {
  const { salvage, actor } = node;
  const queued = await salvage.bin.delete(actor, { driveId, fileId: folderId, policy: 'queue', binOnly: false });
  return (await waitForJob(node, queued.id)).processed;
}

async function purgeByPlainSql(node: BenchNode, driveId: string, order: PlainDeleteOrder, seeded: Seeded, batchSize: number): Promise<number> {
  const [idPrefix, idPrefixEnd] = PLAIN_PREFIXES[order];
  const entries = await plainDelete(node.salvage.ctx.store, { driveId, idPrefix, idPrefixEnd, storage: seeded.storage }, order, batchSize);
  if (entries !== seeded.shape.entries) throw new Error(`plain delete (${order} order) removed ${entries} rows, seeded ${seeded.shape.entries}`);
  return entries;
}
