import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Salvage } from '../../src/core/salvage.js';
import type { Actor, Entry } from '../../src/core/types.js';

/** What must not change about an entry, its content's actual bytes included. */
export interface EntryFacts {
  id: string;
  parentId: string | null;
  name: string;
  type: string;
  size: number;
  contentHash: string;
  /** SHA-1 of the bytes read back from the blob store ('' for folders). */
  sha1: string;
  trashedAt: number | null;
  origParentId: string | null;
  origPath: string | null;
}

const sha1Of = async (stream: Readable): Promise<string> => {
  const hash = createHash('sha1');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex').toUpperCase();
};

async function factsOf(salvage: Salvage, entry: Entry, read: () => Promise<Readable>): Promise<EntryFacts> {
  return {
    id: entry.id,
    parentId: entry.parentId,
    name: entry.name,
    type: entry.type,
    size: entry.size,
    contentHash: entry.contentHash,
    sha1: entry.type === 'file' ? await sha1Of(await read()) : '',
    trashedAt: entry.trashedAt,
    origParentId: entry.origParentId,
    origPath: entry.origPath,
  };
}

/** Every page of a keyset listing. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; nextToken: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...p.items);
    token = p.nextToken || undefined;
  } while (token);
  return out;
}

/** Every live entry of a drive, walked through the core's listings, content downloaded. */
export async function snapshotLive(salvage: Salvage, actor: Actor, driveId: string): Promise<Map<string, EntryFacts>> {
  const out = new Map<string, EntryFacts>();
  const walk = async (folderId: string): Promise<void> => {
    const children = await allPages((token) => salvage.entries.list(actor, { driveId, parentId: folderId, limit: 1000, token }));
    for (const child of children) {
      out.set(child.id, await factsOf(salvage, child, async () => (await salvage.entries.openContent(actor, { driveId: driveId, fileId: child.id })).stream));
      if (child.type === 'folder') await walk(child.id);
    }
  };
  await walk('root');
  return out;
}

/**
 * Every bin item of a drive and everything inside it, through the bin listings. Contents
 * are read straight from the blob store: downloads serve live files only.
 */
export async function snapshotBin(salvage: Salvage, actor: Actor, driveId: string): Promise<Map<string, EntryFacts>> {
  const out = new Map<string, EntryFacts>();
  const record = async (entry: Entry) =>
    out.set(entry.id, await factsOf(salvage, entry, () => salvage.ctx.blobs.open(entry.blobId!)));
  const walk = async (folderId: string): Promise<void> => {
    const children = await allPages((token) => salvage.bin.listInside(actor, { driveId, folderId, limit: 1000, token }));
    for (const child of children) {
      await record(child);
      if (child.type === 'folder') await walk(child.id);
    }
  };
  const items = await allPages((token) => salvage.bin.list(actor, { driveId, limit: 200, token }));
  for (const item of items) {
    await record(item);
    if (item.type === 'folder') await walk(item.id);
  }
  return out;
}
