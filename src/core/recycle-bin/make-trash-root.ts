import type { ChainLink } from '../../store/repositories/entries.repository.js';
import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { touchRecycledDir } from '../../store/repositories/bin.repository.js';
import type { Tx } from '../../store/store.js';
import { pathOf } from '../tree/locate.js';
import type { Actor, Drive, Entry } from '../types.js';

/**
 * Makes `chain[0]` a trash root: its subtree's counters leave its ancestors (up to root,
 * or up to the trash root it sat under), and it records when, by whom and from where.
 * O(depth): nothing below it is read or written.
 *
 * `chain` is the entry's ancestor chain; if it was live, its bytes enter the bin.
 */
export async function makeTrashRoot(
  tx: Tx,
  drive: Drive,
  chain: ChainLink[],
  actor: Actor,
  now: number,
  purgeJobId: number | null = null,
): Promise<Entry> {
  const id = chain[0]!.id;
  const entry = (await getEntry(tx, drive.id, id))!;
  const above = chain.slice(1);
  const enclosingRoot = above.findIndex((l) => l.trashedAt !== null);
  const wasLive = enclosingRoot === -1;
  // Counters stop at the first trash root: it already left the ancestors above it.
  const carriers = wasLive ? above : above.slice(0, enclosingRoot + 1);
  await addToTree(tx, drive.id, carriers.map((l) => l.id), -entry.treeBytes, -entry.treeCount);
  const origPath = wasLive ? pathOf(chain) : (entry.origPath ?? `/${entry.name}`);
  // A pending "empty the bin" hides and purges items trashed up to its cutoff. One trashed
  // after it, in the same millisecond (or after the clock stepped back), must fall after
  // the cutoff, or it would vanish with what the user asked to purge.
  const trashedAt = drive.binHiddenBefore !== null && now <= drive.binHiddenBefore ? drive.binHiddenBefore + 1 : now;
  await updateEntry(tx, drive.id, id, {
    trashed_at: trashedAt,
    trashed_by: actor.userId,
    orig_parent_id: entry.parentId,
    orig_path: origPath,
    changed_at: now,
    purge_job_id: purgeJobId,
  });
  if (wasLive) {
    await adjustDriveBytes(tx, drive.id, 0, entry.treeBytes);
    if (entry.parentId !== null) await touchRecycledDir(tx, drive.id, entry.parentId, pathOf(above), now);
  }
  return (await getEntry(tx, drive.id, id))!;
}
