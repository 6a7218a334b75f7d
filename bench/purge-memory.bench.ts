import { assertTreeInFile } from './check-tree.js';
import { runBenchChild } from './child-process.js';
import { newDataDir, removeDataDir } from './data-dir.js';
import type { PurgeMemoryReport } from './purge-memory-child.js';
import type { Scale } from './scale.js';
import type { SeedResult } from './seed.js';

export interface PurgeMemoryResult extends PurgeMemoryReport {
  seed: SeedResult;
  /** This process's RSS when it spawned the purge child: on Linux the child's maxRSS starts there. */
  parentRssAtSpawnBytes: number;
}

/**
 * Peak memory of a node purging `scale.memoryEntries` entries. One child process makes the
 * drive and seeds it; another starts a node over the same data directory and runs the
 * delete job, so its peak holds nothing but a node at work. Run this benchmark first,
 * while this process is still small (see `parentRssAtSpawnBytes`).
 */
export async function benchPurgeMemory(scale: Scale): Promise<PurgeMemoryResult> {
  const dataDir = await newDataDir();
  try {
    const prepared = await runBenchChild<{ driveId: string; folderId: string; databaseFile: string; seed: SeedResult }>(
      'purge-memory-seed-child.ts',
      [dataDir, String(scale.memoryEntries)],
    );
    const { driveId, folderId, databaseFile, seed } = prepared;
    await assertTreeInFile(databaseFile, driveId, 'after seeding');
    const parentRssAtSpawnBytes = process.memoryUsage().rss;
    const report = await runBenchChild<PurgeMemoryReport>('purge-memory-child.ts', [dataDir, driveId, folderId]);
    if (report.entries !== seed.entries + 1) throw new Error(`the job purged ${report.entries} entries, expected ${seed.entries + 1}`);
    await assertTreeInFile(databaseFile, driveId, 'after the purge');
    return { ...report, seed, parentRssAtSpawnBytes };
  } finally {
    await removeDataDir(dataDir);
  }
}
