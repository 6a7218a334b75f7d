import { randomBytes } from 'node:crypto';

/**
 * The rows of a seeded subtree, in the order they are inserted: depth first, a folder's
 * row after its children, so its counters are their sums by then. Shared by the SQLite
 * and the PostgreSQL seeders, so both databases get the same tree.
 */

export interface TreeInput {
  /** Entries below the target folder, folders and files together. */
  entries: number;
  /** Starts every seeded id, so a plain SQL delete can find the same rows by id range. */
  idPrefix: string;
  /** All entries directly in the target folder (a folder to list), whatever their number. */
  flat?: boolean;
  /**
   * The entries directly in the target folder are bin items, trashed from it at times
   * spread over the day before this one (a bin to list), as trashing each would leave them.
   */
  binnedBefore?: number;
}

export interface TreeRow {
  id: string;
  parent_id: string;
  name: string;
  type: 'file' | 'folder';
  size: number;
  tree_bytes: number;
  tree_count: number;
  /** Set on bin items (`binnedBefore`); they keep their folder as `orig_parent_id` too. */
  trashed_at: number | null;
}

export interface TreeTotals {
  entries: number;
  folders: number;
  files: number;
  bytes: number;
  /** Levels of folders between the target folder and its files. */
  folderLevels: number;
}

/**
 * The shape of a realistic tree: up to 1,000 entries sit directly in the folder; beyond
 * that, 2 or 3 levels of folders whose leaves hold ~800 files each (100-1,000 a folder).
 */
export function planTree(entries: number): { levels: number; fanout: number } {
  if (entries <= 1000) return { levels: 0, fanout: 0 };
  const levels = entries <= 200_000 ? 2 : 3;
  return { levels, fanout: Math.ceil((entries / 800) ** (1 / levels)) };
}

/** Yields the rows below `parentId`; returns the subtree's totals. */
export function* treeRows(parentId: string, input: TreeInput): Generator<TreeRow, TreeTotals> {
  const newId = (): string => `${input.idPrefix}${randomBytes(10).toString('hex')}`;

  // A fixed pseudo-random sequence of sizes (1 KiB to ~1 MiB), the same on every run.
  let state = 42;
  const nextSize = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1024 + (state % 1_048_576);
  };

  // Deletion times of bin items, pseudo-random too, so the bin's order is not the seed's.
  let when = 7;
  const trashedAt = (parent: string): number | null => {
    if (input.binnedBefore === undefined || parent !== parentId) return null;
    when = (when * 1103515245 + 12345) % 2 ** 31;
    return input.binnedBefore - (when % 86_400_000);
  };

  const { levels, fanout } = input.flat ? { levels: 0, fanout: 0 } : planTree(input.entries);
  const folders = levels === 0 ? 0 : Array.from({ length: levels }, (_, i) => fanout ** (i + 1)).reduce((a, b) => a + b, 0);
  const files = input.entries - folders;
  if (files < 0) throw new Error(`cannot plan a tree of ${input.entries} entries`);
  const leafFolders = levels === 0 ? 1 : fanout ** levels;
  let leafIndex = 0;

  type Sum = { bytes: number; count: number };
  function* filesIn(parent: string): Generator<TreeRow, Sum> {
    const mine = Math.floor(files / leafFolders) + (leafIndex < files % leafFolders ? 1 : 0);
    leafIndex++;
    let bytes = 0;
    for (let i = 0; i < mine; i++) {
      const size = nextSize();
      bytes += size;
      yield { id: newId(), parent_id: parent, name: `file-${i}.dat`, type: 'file', size, tree_bytes: size, tree_count: 1, trashed_at: trashedAt(parent) };
    }
    return { bytes, count: mine };
  }
  function* folder(id: string, parent: string, name: string, level: number): Generator<TreeRow, Sum> {
    const below = level === levels ? yield* filesIn(id) : yield* childrenOf(id, level);
    yield { id, parent_id: parent, name, type: 'folder', size: 0, tree_bytes: below.bytes, tree_count: below.count + 1, trashed_at: trashedAt(parent) };
    return { bytes: below.bytes, count: below.count + 1 };
  }
  function* childrenOf(parent: string, level: number): Generator<TreeRow, Sum> {
    let bytes = 0;
    let count = 0;
    for (let i = 0; i < fanout; i++) {
      const sub = yield* folder(newId(), parent, `dir-${level + 1}-${i}`, level + 1);
      bytes += sub.bytes;
      count += sub.count;
    }
    return { bytes, count };
  }

  const total = levels === 0 ? yield* filesIn(parentId) : yield* childrenOf(parentId, 0);
  return { entries: total.count, folders, files, bytes: total.bytes, folderLevels: levels };
}
