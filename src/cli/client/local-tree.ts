import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { naturalOrder } from './format.js';

/** A local folder tree to upload: folders parents first, files with their sizes. */
export interface LocalTree {
  /** Paths relative to the top folder, as segments; a folder always after its parent. */
  folders: string[][];
  files: { segments: string[]; path: string; size: number }[];
  /** Neither a file nor a folder (symbolic links, sockets, devices): not uploaded. */
  skipped: string[];
  bytes: number;
}

/**
 * Walks `top` breadth first. Symbolic links are not followed: a link to `..` would loop,
 * and one pointing outside the tree would upload what the user did not name.
 */
export async function readLocalTree(top: string): Promise<LocalTree> {
  const tree: LocalTree = { folders: [], files: [], skipped: [], bytes: 0 };
  const queue: string[][] = [[]];
  for (let segments = queue.shift(); segments; segments = queue.shift()) {
    const dir = join(top, ...segments);
    const children = (await readdir(dir, { withFileTypes: true })).sort((a, b) => naturalOrder(a.name, b.name));
    for (const child of children) {
      const path = join(dir, child.name);
      const here = [...segments, child.name];
      if (child.isDirectory()) {
        tree.folders.push(here);
        queue.push(here);
      } else if (child.isFile()) {
        const { size } = await lstat(path);
        tree.files.push({ segments: here, path, size });
        tree.bytes += size;
      } else {
        tree.skipped.push(path);
      }
    }
  }
  return tree;
}
