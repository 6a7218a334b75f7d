import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Salvage } from '../../../src/core/salvage.js';
import type { Actor, Entry } from '../../../src/core/types.js';

/** Everything a refused request must leave as it was, on the drives it could touch. */
export interface Snapshot {
  drives: unknown[];
  blobs: { objects: string[]; tmp: string[] };
}

const entryView = (e: Entry) => ({
  id: e.id,
  parentId: e.parentId,
  name: e.name,
  type: e.type,
  size: e.size,
  contentHash: e.contentHash,
  updatedAt: e.updatedAt,
  trashedAt: e.trashedAt,
  purgeJobId: e.purgeJobId,
});

async function liveTree(salvage: Salvage, me: Actor, driveId: string, folderId: string): Promise<unknown[]> {
  const { items } = await salvage.entries.list(me, { driveId, parentId: folderId, limit: 1000 });
  const out: unknown[] = [];
  for (const e of items) {
    out.push(entryView(e));
    if (e.type === 'folder') out.push(...(await liveTree(salvage, me, driveId, e.id)));
  }
  return out;
}

async function binTree(salvage: Salvage, me: Actor, driveId: string, folderId: string): Promise<unknown[]> {
  const { items } = await salvage.bin.listInside(me, { driveId, folderId, limit: 1000 });
  const out: unknown[] = [];
  for (const e of items) {
    out.push(entryView(e));
    if (e.type === 'folder') out.push(...(await binTree(salvage, me, driveId, e.id)));
  }
  return out;
}

async function driveView(salvage: Salvage, me: Actor, driveId: string): Promise<unknown> {
  const drive = await salvage.drives.get(me, driveId);
  const bin = await salvage.bin.list(me, { driveId, limit: 200 });
  const inside = [];
  for (const item of bin.items) if (item.type === 'folder') inside.push(await binTree(salvage, me, driveId, item.id));
  const jobs = await salvage.jobs.list(me, { driveId, limit: 100 });
  return {
    drive,
    attribute: await salvage.bin.attribute(me, driveId),
    live: await liveTree(salvage, me, driveId, 'root'),
    bin: bin.items.map(entryView),
    inside,
    jobs: jobs.items.map((j) => ({ id: j.id, state: j.state, processed: j.processed, cancelRequested: j.cancelRequested, params: j.params })),
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...(await filesUnder(join(dir, entry.name))).map((f) => `${entry.name}/${f}`));
    else out.push(entry.name);
  }
  return out.sort();
}

/** Drive counters and settings, the live tree, the bin and what is inside it, jobs, and blob files. */
export async function snapshot(salvage: Salvage, me: Actor, dataDir: string, driveIds: string[]): Promise<Snapshot> {
  const drives = [];
  for (const id of driveIds) drives.push(await driveView(salvage, me, id));
  const blobs = join(dataDir, 'blobs');
  return { drives, blobs: { objects: await filesUnder(join(blobs, 'objects')), tmp: await filesUnder(join(blobs, 'tmp')) } };
}

/** Where refusals are checked: a node, the admin who sees everything, and the drives to watch. */
export interface Scene {
  salvage: Salvage;
  admin: Actor;
  dataDir: string;
  driveIds: string[];
}

/**
 * Runs `refuse` (which asserts its own refusal) and checks that it changed nothing on
 * the scene's drives or in the blob store.
 */
export async function changesNothing(scene: Scene, refuse: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(scene.salvage, scene.admin, scene.dataDir, scene.driveIds);
  await refuse();
  const after = await snapshot(scene.salvage, scene.admin, scene.dataDir, scene.driveIds);
  expect(after, 'a refused request changes nothing').toEqual(before);
}
