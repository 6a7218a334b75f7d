import { type ChainLink, addToTree, ancestorChain, findLiveChild, insertEntry } from '../../store/repositories/entries.repository.js';
import type { Tx } from '../../store/store.js';
import { newEntryRow } from '../entries/new-entry.js';
import { freeName } from '../entries/free-name.js';
import { ROOT_ID } from '../ids.js';
import { restoredTag } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Drive } from '../types.js';

/**
 * Where a bin item goes back to when no target is given (PDS RestoreFile):
 * - its original folder, if that is live;
 * - under root, if that folder no longer exists;
 * - if that folder is itself in the bin, the folders from the bin item that holds it down
 *   to it are made again, by name, at the nearest live ancestor's place (a live folder of
 *   the same name is used as it is), as PDS does.
 * Returns the live chain of the destination folder, nearest first. O(depth).
 */
export async function originalDestination(
  tx: Tx,
  drive: Drive,
  parentId: string | null,
  actor: Actor,
  now: number,
): Promise<ChainLink[]> {
  const rootChain = await ancestorChain(tx, drive.id, ROOT_ID);
  if (parentId === null) return rootChain;
  const chain = await ancestorChain(tx, drive.id, parentId);
  if (chain.length === 0) return rootChain;

  const top = chain[chain.length - 1]!;
  const highestTrashed = chain.reduce((found, link, i) => (link.trashedAt !== null ? i : found), -1);
  if (highestTrashed === -1 && top.id === ROOT_ID) return chain; // live already

  // The part to make again runs from the highest bin item (or a detached top) down to the
  // original folder; what is above it is live, or root stands in for it.
  const cut = highestTrashed === -1 ? chain.length - 1 : highestTrashed;
  const toRecreate = chain.slice(0, cut + 1).reverse();
  const anchorIsLive = top.id === ROOT_ID && cut + 1 < chain.length;
  let dest = anchorIsLive ? chain.slice(cut + 1) : rootChain;
  for (const link of toRecreate) dest = await ensureFolder(tx, drive, dest, link.name, actor, now);
  return dest;
}

/** The live folder `name` under `parent`, made if missing (renamed if a file has the name). */
async function ensureFolder(
  tx: Tx,
  drive: Drive,
  parent: ChainLink[],
  name: string,
  actor: Actor,
  now: number,
): Promise<ChainLink[]> {
  const parentId = parent[0]!.id;
  const existing = await findLiveChild(tx, drive.id, parentId, name);
  if (existing?.type === 'folder') return ancestorChain(tx, drive.id, existing.id);
  const free = existing ? await freeName(tx, drive.id, parentId, name, 'folder', restoredTag) : name;
  const row = newEntryRow({ driveId: drive.id, parentId, name: free, type: 'folder', createdBy: actor.userId, now });
  await insertEntry(tx, row);
  await addToTree(tx, drive.id, chainIds(parent), 0, 1);
  return ancestorChain(tx, drive.id, row.id);
}
