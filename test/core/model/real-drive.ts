import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Salvage } from '../../../src/core/salvage.js';
import type { Actor, Entry, Job } from '../../../src/core/types.js';

/** The system under test for one run: the real core, one drive of it, and its data dir. */
export interface RealDrive {
  salvage: Salvage;
  me: Actor;
  driveId: string;
  dataDir: string;
}

export interface Row {
  id: string;
  name: string;
  type: string;
  size: number;
}

export const row = (e: { id: string; name: string; type: string; size: number }): Row => ({
  id: e.id,
  name: e.name,
  type: e.type,
  size: e.size,
});

/** Waits until the drive has no queued or running job; a step is judged only once settled. */
export async function waitIdle(real: RealDrive, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { total } = await real.salvage.jobs.list(real.me, { driveId: real.driveId, states: ['queued', 'running'], limit: 1 });
    if (total === 0) return;
    if (Date.now() > deadline) throw new Error(`drive ${real.driveId} still has ${total} active job(s) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

export async function finalJob(real: RealDrive, job: Job): Promise<Job> {
  await waitIdle(real);
  return real.salvage.jobs.get(real.me, String(job.id));
}

/** Every live child of a folder, in the order the core lists them (by name). */
export async function listLive(real: RealDrive, folderId: string): Promise<Entry[]> {
  const page = await real.salvage.entries.list(real.me, { driveId: real.driveId, parentId: folderId, limit: 1000 });
  if (page.nextToken !== '') throw new Error('model folders never hold 1000 entries');
  return page.items;
}

export async function listInsideBin(real: RealDrive, folderId: string): Promise<Entry[]> {
  const page = await real.salvage.bin.listInside(real.me, { driveId: real.driveId, folderId, limit: 1000 });
  return page.items;
}

/** The whole bin, newest first, following page tokens (small pages, to exercise them). */
export async function listBin(real: RealDrive): Promise<Entry[]> {
  const items: Entry[] = [];
  let token = '';
  do {
    const page = await real.salvage.bin.list(real.me, { driveId: real.driveId, limit: 3, token });
    items.push(...page.items);
    token = page.nextToken;
  } while (token !== '');
  return items;
}

/** The live child `name` of a folder: how the model learns ids of folders a restore made. */
export async function liveChildId(real: RealDrive, parentId: string, name: string): Promise<string> {
  const found = (await listLive(real, parentId)).find((e) => e.name === name && e.type === 'folder');
  if (!found) throw new Error(`expected the restore to make folder '${name}' in ${parentId}; it did not`);
  return found.id;
}

/** Where the core says an entry stands, or 'gone' when it answers EntryNotFound. */
export async function realState(real: RealDrive, id: string): Promise<{ state: 'live' | 'binned' | 'gone'; entry?: Entry }> {
  try {
    const { state, entry } = await real.salvage.entries.state(real.me, { driveId: real.driveId, fileId: id });
    return { state, entry };
  } catch (err) {
    if ((err as { code?: string }).code === 'EntryNotFound') return { state: 'gone' };
    throw err;
  }
}

export async function blobOnDisk(dataDir: string, blobId: string): Promise<boolean> {
  try {
    await access(join(dataDir, 'blobs', 'objects', blobId.slice(0, 2), blobId));
    return true;
  } catch {
    return false;
  }
}
