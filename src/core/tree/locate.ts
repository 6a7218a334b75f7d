import { ancestorChain, type ChainLink } from '../../store/repositories/entries.repository.js';
import type { Db } from '../../store/store.js';
import { isId, ROOT_ID } from '../ids.js';
import type { Drive } from '../types.js';

/**
 * Where an entry stands, read from its ancestor chain (O(depth)):
 * - live: it and every ancestor up to root are live; `path` is its absolute path;
 * - binned: a visible bin item is it or above it (`root`), so it can be browsed and restored;
 * - gone: missing, or below a bin item that is being purged or emptied.
 */
export type Location =
  | { state: 'live'; chain: ChainLink[]; path: string }
  | { state: 'binned'; chain: ChainLink[]; root: ChainLink }
  | { state: 'gone' };

/**
 * Whether the bin shows this trash root: not taken by a delete job, and not being emptied
 * unless a restore accepted before the emptying has claimed it.
 */
export function binShows(
  drive: Drive,
  root: { trashedAt: number | null; purgeJobId: number | null; restoreJobId: number | null },
): boolean {
  if (root.trashedAt === null || root.purgeJobId !== null) return false;
  if (root.restoreJobId !== null) return true;
  return drive.binHiddenBefore === null || root.trashedAt > drive.binHiddenBefore;
}

export function locateChain(drive: Drive, chain: ChainLink[]): Location {
  if (chain.length === 0) return { state: 'gone' };
  const trashRoot = chain.find((link) => link.trashedAt !== null);
  if (trashRoot) return binShows(drive, trashRoot) ? { state: 'binned', chain, root: trashRoot } : { state: 'gone' };
  const top = chain[chain.length - 1] as ChainLink;
  if (top.id !== ROOT_ID) return { state: 'gone' };
  return { state: 'live', chain, path: pathOf(chain) };
}

/** Where entry `id` is. An id that breaks the id rule names no entry: it is gone. */
export async function locate(db: Db, drive: Drive, id: string): Promise<Location> {
  if (!isId(id)) return { state: 'gone' };
  return locateChain(drive, await ancestorChain(db, drive.id, id));
}

/** The absolute path of a live chain: '/' for root, '/a/b' below it. */
export function pathOf(chain: ChainLink[]): string {
  const names = chain
    .slice(0, -1)
    .map((l) => l.name)
    .reverse();
  return `/${names.join('/')}`;
}

/** Ids of the chain from `chain[0]` up to root, for counter updates. */
export const chainIds = (chain: ChainLink[]): string[] => chain.map((l) => l.id);
