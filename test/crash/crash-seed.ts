import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { startTestNode } from '../support/node.js';
import type { ScratchStore } from '../support/scratch-store.js';
import { auditStore } from '../support/store-audit.js';
import { bulkFill } from './bulk-fill.js';
import { seedTree } from './seed-tree.js';
import { type EntryFacts, snapshotBin, snapshotLive } from './snapshot.js';

/** Entries under the nested trash root: itself, 10 folders, their 50 files, 10 x 20 bulk-filled folders of 11. */
export const NESTED_COUNT = 1 + 10 + 50 + 10 * 20 * 11;

/** The ids the crash test works with; everything else it compares through snapshots. */
export interface CrashScene {
  driveId: string;
  otherDriveId: string;
  /** The folder to purge: 20,000+ entries. */
  bigId: string;
  /** Entries of `big` as seeded, the nested folder's included. */
  bigEntries: number;
  /** A folder inside `big` that is trashed on its own before `big` is: it must outlive the purge. */
  nestedId: string;
  /** Bin items trashed before the nested one: a folder, then a file. */
  oldId: string;
  looseId: string;
}

const text = (s: string) => Readable.from([Buffer.from(s)]);

/**
 * Builds the scene in-process with no job engine, before any server child starts: setup,
 * not what is under test. The trees beside the target go through the core; the target
 * `big`, 22,000 entries, through `bulkFill` below its own folder, the core's own pieces in
 * bulk (one entry at a time, through the core, it takes over 40 s on two cores, longer
 * through HTTP; see bulk-fill.ts; its top 610 entries alone took 2 s on SQLite and 4 to
 * 11 s on PostgreSQL), checked by the store audit before anything relies on it. What the crash
 * test asserts (trash, the permanent delete, its progress, the bin, restore, used_size)
 * it does itself, through the PDS API of `salvage serve`.
 */
export async function seedCrashScene(scratch: ScratchStore): Promise<CrashScene> {
  const { dataDir, database, databaseUrl } = scratch;
  const node = await startTestNode({ dataDir, database, databaseUrl, jobConcurrency: 0 });
  try {
    const { salvage: s, adminActor: me } = node;
    const drive = await s.drives.create(me, { name: 'crash', origin: 'pds' });
    const other = await s.drives.create(me, { name: 'other', origin: 'pds' });
    const driveId = drive.id;

    // Live data beside the target, in the same drive and in another one.
    await seedTree(s, me, driveId, 'root', 'keep', { folders: [3, 4], filesPerFolder: 5 });
    await s.entries.createFile(me, { driveId, parentId: 'root', name: 'readme.txt', content: text('stay') });
    await seedTree(s, me, other.id, 'root', 'photos', { folders: [2], filesPerFolder: 10 });

    // The target: /big/d<i>/d<j>/ with five files each, then the bulk below those.
    const bigId = (await s.entries.createFolder(me, { driveId, parentId: 'root', name: 'big' })).entry.id;
    const dirName = (i: number) => `d${i}`;
    const level1 = await bulkFill(s, me, driveId, [bigId], { folders: 10, filesPerFolder: 0, emptyPerFolder: 0, folderName: dirName });
    const level2 = await bulkFill(s, me, driveId, level1.folderIds, { folders: 10, filesPerFolder: 5, emptyPerFolder: 0, folderName: dirName });
    const fill = await bulkFill(s, me, driveId, level2.folderIds, { folders: 20, filesPerFolder: 3, emptyPerFolder: 7 });
    const bigEntries = 1 + level1.entries + level2.entries + fill.entries;
    expect(bigEntries - NESTED_COUNT).toBeGreaterThanOrEqual(20_000);
    const nestedId = level1.folderIds[3]!;
    expect((await s.entries.state(me, { driveId: driveId, fileId: nestedId })).entry.treeCount).toBe(NESTED_COUNT);

    // Other bin items, in both drives.
    const old = await seedTree(s, me, driveId, 'root', 'old-stuff', { folders: [2], filesPerFolder: 10 });
    await s.bin.trash(me, { driveId, fileId: old.rootId });
    const loose = await s.entries.createFile(me, { driveId, parentId: 'root', name: 'loose.txt', content: text('loose') });
    await s.bin.trash(me, { driveId, fileId: loose.entry.id });
    const gone = await seedTree(s, me, other.id, 'root', 'gone', { folders: [1], filesPerFolder: 3 });
    await s.bin.trash(me, { driveId: other.id, fileId: gone.rootId });

    expect((await auditStore(s.ctx.store.db, dataDir)).problems).toEqual([]);
    return { driveId, otherDriveId: other.id, bigId, bigEntries, nestedId, oldId: old.rootId, looseId: loose.entry.id };
  } finally {
    await node.close();
  }
}

/** Everything the purge must leave alone, as the core sees it, contents read back. */
export interface SceneSnapshot {
  live: Map<string, EntryFacts>;
  bin: Map<string, EntryFacts>;
  otherLive: Map<string, EntryFacts>;
  otherBin: Map<string, EntryFacts>;
  usedSize: number;
  binBytes: number;
  /** GetRecycleBinAttribute's Size. */
  binAttributeSize: number;
}

/** Snapshots the scene through an in-process core with no engine; run it while no server child runs. */
export async function snapshotScene(scratch: ScratchStore, scene: CrashScene): Promise<SceneSnapshot> {
  const { dataDir, database, databaseUrl } = scratch;
  const node = await startTestNode({ dataDir, database, databaseUrl, jobConcurrency: 0 });
  try {
    const { salvage: s, adminActor: me } = node;
    const drive = await s.drives.get(me, scene.driveId);
    return {
      live: await snapshotLive(s, me, scene.driveId),
      bin: await snapshotBin(s, me, scene.driveId),
      otherLive: await snapshotLive(s, me, scene.otherDriveId),
      otherBin: await snapshotBin(s, me, scene.otherDriveId),
      usedSize: drive.usedSize,
      binBytes: drive.binBytes,
      binAttributeSize: (await s.bin.attribute(me, scene.driveId)).size,
    };
  } finally {
    await node.close();
  }
}
