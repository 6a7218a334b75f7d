import { assertTree } from './check-tree.js';
import { newDataDir, removeDataDir } from './data-dir.js';
import { startBenchNode, waitForJob, type BenchNode } from './bench-node.js';
import { plainDelete, type PlainDeleteOrder } from './plain-delete.js';
import type { Scale } from './scale.js';
import { addToChain, seedSubtree, type SeedResult } from './seed.js';

export type PurgeMethod = 'job' | 'plainStorageOrder' | 'plainIdOrder';
const METHODS: PurgeMethod[] = ['job', 'plainStorageOrder', 'plainIdOrder'];

export interface PurgeRates {
  entries: number;
  /** Entries per second of each round, in round order. */
  perSecond: number[];
  medianPerSecond: number;
}

export interface PurgeThroughputResult {
  seed: SeedResult;
  batchSize: number;
  rounds: number;
  rates: Record<PurgeMethod, PurgeRates>;
}

// Seeded ids start with these letters; core ids are hex and 'root', so [q, r) and [s, t)
// hold only the baselines' rows.
const JOB_PREFIX = 'j';
const PLAIN_PREFIXES: Record<PlainDeleteOrder, [string, string]> = { storage: ['q', 'r'], id: ['s', 't'] };

/**
 * Identical subtrees in one database, removed three ways: by a real delete job (timed
 * from the call that enqueues it to the moment the job reads succeeded), and by plain SQL
 * in batches of the same size, each batch its own transaction on the same connection, in
 * two row orders. The difference is what the job design costs: walking to the leaves,
 * keeping every ancestor's counters and the drive's bytes right, and recording progress
 * and lease in each batch. Several rounds, each method going first in turn, so that the
 * noise of a shared machine and the order of the runs fall on all three alike.
 */
export async function benchPurgeThroughput(scale: Scale): Promise<PurgeThroughputResult> {
  const dataDir = await newDataDir();
  const node = await startBenchNode(dataDir);
  try {
    const { salvage, actor } = node;
    const drive = await salvage.drives.create(actor, { name: 'bench-purge', origin: 'pds' });
    const batchSize = salvage.ctx.settings.purgeBatchSize;
    const samples: Record<PurgeMethod, { entries: number; perSecond: number }[]> = { job: [], plainStorageOrder: [], plainIdOrder: [] };
    let seed: SeedResult | undefined;

    for (let round = 0; round < scale.purgeRounds; round++) {
      const seedFolder = async (method: PurgeMethod, idPrefix: string) => {
        const name = `${method}-${round}`;
        const parentId = (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name })).entry.id;
        const seeded = seedSubtree({ file: node.databaseFile, driveId: drive.id, parentId, entries: scale.purgeEntries, idPrefix, createdBy: actor.userId });
        return { parentId, seed: seeded };
      };
      const byJob = await seedFolder('job', JOB_PREFIX);
      const byStorage = await seedFolder('plainStorageOrder', PLAIN_PREFIXES.storage[0]);
      const byId = await seedFolder('plainIdOrder', PLAIN_PREFIXES.id[0]);
      seed = byJob.seed;
      assertTree(node.databaseFile, drive.id, 'after seeding');

      const run: Record<PurgeMethod, () => Promise<number>> = {
        job: () => purgeByJob(node, drive.id, byJob.parentId),
        plainStorageOrder: () => purgeByPlainSql(node, drive.id, 'storage', byStorage.seed, batchSize),
        plainIdOrder: () => purgeByPlainSql(node, drive.id, 'id', byId.seed, batchSize),
      };
      // Untimed: the counters a plain delete leaves wrong, put right for the next round's check.
      const settle: Partial<Record<PurgeMethod, () => void>> = {
        plainStorageOrder: () => addToChain(node.databaseFile, drive.id, byStorage.parentId, -byStorage.seed.bytes, -byStorage.seed.entries),
        plainIdOrder: () => addToChain(node.databaseFile, drive.id, byId.parentId, -byId.seed.bytes, -byId.seed.entries),
      };
      for (let i = 0; i < METHODS.length; i++) {
        const method = METHODS[(round + i) % METHODS.length]!;
        const t0 = performance.now();
        const entries = await run[method]();
        samples[method].push({ entries, perSecond: entries / ((performance.now() - t0) / 1000) });
        settle[method]?.();
      }
      assertTree(node.databaseFile, drive.id, `after round ${round + 1}`);
    }

    const ratesOf = (method: PurgeMethod): PurgeRates => {
      const perSecond = samples[method].map((s) => s.perSecond);
      const sorted = [...perSecond].sort((a, b) => a - b);
      return { entries: samples[method][0]!.entries, perSecond, medianPerSecond: sorted[Math.floor(sorted.length / 2)]! };
    };
    const rates = { job: ratesOf('job'), plainStorageOrder: ratesOf('plainStorageOrder'), plainIdOrder: ratesOf('plainIdOrder') };
    return { seed: seed!, batchSize, rounds: scale.purgeRounds, rates };
  } finally {
    await node.close();
    await removeDataDir(dataDir);
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

async function purgeByPlainSql(node: BenchNode, driveId: string, order: PlainDeleteOrder, seed: SeedResult, batchSize: number): Promise<number> {
  const [idPrefix, idPrefixEnd] = PLAIN_PREFIXES[order];
  const entries = await plainDelete(node.salvage.ctx.store, { driveId, idPrefix, idPrefixEnd, ...seed }, order, batchSize);
  if (entries !== seed.entries) throw new Error(`plain delete (${order} order) removed ${entries} rows, seeded ${seed.entries}`);
  return entries;
}
