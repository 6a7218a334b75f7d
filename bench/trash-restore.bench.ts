import { assertTree } from './check-tree.js';
import { newDataDir, removeDataDir } from './data-dir.js';
import { startBenchNode, type BenchNode } from './bench-node.js';
import type { Scale } from './scale.js';
import { seedSubtree, type SeedResult } from './seed.js';
import { summarize, type Summary } from './stats.js';

export interface TrashRestoreCase {
  entries: number;
  trash: Summary;
  restore: Summary;
}

export interface TrashRestoreResult {
  seed: SeedResult;
  small: TrashRestoreCase;
  big: TrashRestoreCase;
}

/**
 * Trash then restore (PDS policy 'queue', so the restore runs at once when the drive is
 * free) of a folder holding 1 entry and of one holding `scale.trashEntries`, both directly
 * under root. Rounds alternate between the two folders so that noise from other load on
 * the machine falls on both alike.
 */
export async function benchTrashRestore(scale: Scale): Promise<TrashRestoreResult> {
  const dataDir = await newDataDir();
  const node = await startBenchNode(dataDir);
  try {
    const { salvage, actor } = node;
    const drive = await salvage.drives.create(actor, { name: 'bench-trash', origin: 'pds' });
    const folder = async (name: string) =>
      (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name })).entry.id;
    const smallId = await folder('one-entry');
    const bigId = await folder('many-entries');
    const seedOf = (parentId: string, entries: number, idPrefix: string) =>
      seedSubtree({ file: node.databaseFile, driveId: drive.id, parentId, entries, idPrefix, createdBy: actor.userId });
    seedOf(smallId, 1, 's');
    const seed = seedOf(bigId, scale.trashEntries, 'b');
    await assertTree(salvage.ctx.store.db, drive.id, 'after seeding');

    const samples = { small: { trash: [] as number[], restore: [] as number[] }, big: { trash: [] as number[], restore: [] as number[] } };
    for (let round = 0; round < scale.warmup + scale.repetitions; round++) {
      for (const which of ['small', 'big'] as const) {
        const fileId = which === 'small' ? smallId : bigId;
        const took = await trashAndRestore(node, drive.id, fileId);
        if (round < scale.warmup) continue;
        samples[which].trash.push(took.trash);
        samples[which].restore.push(took.restore);
      }
    }
    await assertTree(salvage.ctx.store.db, drive.id, 'after the trash/restore rounds');
    const caseOf = (which: 'small' | 'big', entries: number): TrashRestoreCase => ({
      entries,
      trash: summarize(samples[which].trash),
      restore: summarize(samples[which].restore),
    });
    return { seed, small: caseOf('small', 1), big: caseOf('big', seed.entries) };
  } finally {
    await node.close();
    await removeDataDir(dataDir);
  }
}

async function trashAndRestore(node: BenchNode, driveId: string, fileId: string): Promise<{ trash: number; restore: number }> {
  const { salvage, actor } = node;
  const t0 = performance.now();
  await salvage.bin.trash(actor, { driveId, fileId });
  const t1 = performance.now();
  const restored = await salvage.bin.restore(actor, { driveId, fileId, policy: 'queue' });
  const t2 = performance.now();
  // Queued would mean the restore was not measured at all; it must have run in the call.
  if (restored.job.state !== 'succeeded') throw new Error(`restore of ${fileId} ended ${restored.job.state}`);
  return { trash: t1 - t0, restore: t2 - t1 };
}
