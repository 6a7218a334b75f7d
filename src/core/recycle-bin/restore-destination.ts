import { type ChainLink, addToTree, ancestorChain, findLiveChild, insertEntry } from '../../store/repositories/entries.repository.js';
import type { OpenDriveTx } from '../access.js';
import { newEntryRow } from '../entries/new-entry.js';
import { freeName } from '../entries/free-name.js';
import { ROOT_ID } from '../ids.js';
import { restoredTag } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor } from '../types.js';

interface Maker {
  actor: Actor;
  now: number;
}

/**
 * Where a bin item goes back to when no target is given (PDS RestoreFile):
 * - its original folder, if that is live;
 * - under root, if that folder no longer exists;
 * - if that folder is itself in the bin, the folders from the bin item that holds it down
 *   to it are made again, by name, at the nearest live ancestor's place (a live folder of
 *   the same name is used as it is), as PDS does.
 * Returns the live chain of the destination folder, nearest first. O(depth).
 */
export async function originalDestination(w: OpenDriveTx, parentId: string | null, by: Maker): Promise<ChainLink[]> {
  const chain = parentId === null ? [] : await ancestorChain(w.tx, w.drive.id, parentId);
  const top = chain[chain.length - 1];
  const highestTrashed = chain.reduce((found, link, i) => (link.trashedAt !== null ? i : found), -1);
  if (top?.id === ROOT_ID && highestTrashed === -1) return chain; // live already
  // The root's chain is the tail of any chain that reaches it: read it only when not.
  const rootChain = top?.id === ROOT_ID ? chain.slice(-1) : await ancestorChain(w.tx, w.drive.id, ROOT_ID);
  if (chain.length === 0) return rootChain;

  // The part to make again runs from the highest bin item (or a detached top) down to the
  // original folder; what is above it is live, or root stands in for it.
  const cut = highestTrashed === -1 ? chain.length - 1 : highestTrashed;
  const toRecreate = chain.slice(0, cut + 1).reverse();
  const anchorIsLive = top!.id === ROOT_ID && cut + 1 < chain.length;
  let dest = anchorIsLive ? chain.slice(cut + 1) : rootChain;
  for (const link of toRecreate) dest = await ensureFolder(w, { parent: dest, name: link.name }, by);
  return dest;
}

/** The live folder `name` under `parent`, made if missing (renamed if a file has the name). */
async function ensureFolder(w: OpenDriveTx, at: { parent: ChainLink[]; name: string }, by: Maker): Promise<ChainLink[]> {
  const { parent, name } = at;
  const parentId = parent[0]!.id;
  const link = (id: string, linkName: string): ChainLink[] => [
    { id, parentId, name: linkName, type: 'folder', trashedAt: null, purgeJobId: null, restoreJobId: null },
    ...parent,
  ];
  const existing = await findLiveChild(w.tx, w.drive.id, parentId, name);
  if (existing?.type === 'folder') return link(existing.id, existing.name);
  const free = existing ? await freeName(w.tx, { driveId: w.drive.id, parentId, name, type: 'folder', tag: restoredTag }) : name;
  const row = newEntryRow({ driveId: w.drive.id, parentId, name: free, type: 'folder', createdBy: by.actor.userId, now: by.now });
  await insertEntry(w, row);
  await addToTree(w, chainIds(parent), { bytes: 0, count: 1 });
  return link(row.id, free);
}
