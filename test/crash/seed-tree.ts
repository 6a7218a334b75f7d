import { Readable } from 'node:stream';
import type { Salvage } from '../../src/core/salvage.js';
import type { Actor } from '../../src/core/types.js';

export interface TreeShape {
  /** Folders per level, top level first. */
  folders: number[];
  filesPerFolder: number;
  /** The level whose folders get the files (0 the tree's own folder; default the last). */
  filesAtLevel?: number;
}

export interface SeededTree {
  rootId: string;
  /** Folder ids per level; `levels[0]` is `[rootId]`. */
  levels: string[][];
  /** Entries made, the root folder included. */
  entries: number;
  bytes: number;
}

/** Uploads in flight at once: staging files overlaps with the (serialised) SQLite commits. */
const UPLOADS_IN_FLIGHT = 16;

/** Small, distinct content per file, so a mixed-up blob shows as a wrong hash. */
export const contentOf = (folderId: string, i: number): Buffer => Buffer.from(`${folderId}/${i} ${'x'.repeat(i % 7)}\n`);

/**
 * Builds a folder `name` under `parentId` with nested folders and small files, through the
 * core API (every row, counter and blob made the way a client's uploads make them).
 */
export async function seedTree(
  salvage: Salvage,
  actor: Actor,
  driveId: string,
  parentId: string,
  name: string,
  shape: TreeShape,
): Promise<SeededTree> {
  const mkdir = async (parent: string, folderName: string) =>
    (await salvage.entries.createFolder(actor, { driveId, parentId: parent, name: folderName })).entry.id;
  const rootId = await mkdir(parentId, name);
  const levels = [[rootId]];
  let entries = 1;
  for (const width of shape.folders) {
    const parents = levels[levels.length - 1]!.flatMap((parent) => Array.from({ length: width }, (_, i) => ({ parent, i })));
    const next: string[] = new Array(parents.length);
    // Folders commit one at a time anyway; the pool only keeps the store busy.
    await inPool(parents.map((p, k) => ({ ...p, k })), 4, async ({ parent, i, k }) => {
      next[k] = await mkdir(parent, `d${i}`);
    });
    entries += next.length;
    levels.push(next);
  }
  let bytes = 0;
  const fileFolders = levels[shape.filesAtLevel ?? levels.length - 1]!;
  const uploads = fileFolders.flatMap((folderId) => Array.from({ length: shape.filesPerFolder }, (_, i) => ({ folderId, i })));
  await inPool(uploads, UPLOADS_IN_FLIGHT, async ({ folderId, i }) => {
    const content = contentOf(folderId, i);
    bytes += content.length;
    await salvage.entries.createFile(actor, { driveId, parentId: folderId, name: `f${i}.txt`, content: Readable.from([content]) });
  });
  return { rootId, levels, entries: entries + uploads.length, bytes };
}

/** Runs `fn` over `items` with at most `width` calls pending. */
export async function inPool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
