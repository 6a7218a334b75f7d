import type { ChainLink } from '../../store/repositories/entries.repository.js';
import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { touchRecycledDir } from '../../store/repositories/bin.repository.js';
import { queueMarking } from '../../store/repositories/search-marks.repository.js';
import type { OpenDriveTx } from '../access.js';
import { pathOf } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';

export interface TrashRootInput {
  /** The entry's ancestor chain, the entry first. */
  chain: ChainLink[];
  actor: Actor;
  now: number;
  /** A delete job that takes the new bin item at once (it then leaves the bin's listing). */
  purgeJobId?: number;
  /** A queued restore that claims the new bin item (no later purge may take it). */
  restoreJobId?: number;
  /** The trash call this is part of (trash.ts); none when a job makes the root for itself. */
  deletionEventId?: string;
}

/**
 * Makes `chain[0]` a trash root: its subtree's counters leave its ancestors (up to root,
 * or up to the trash root it sat under), and it records when, by whom and from where.
 * O(depth): nothing below it is read or written (search marking does that later, in the
 * background). If it was live, its bytes enter the bin.
 */
export async function makeTrashRoot(w: OpenDriveTx, input: TrashRootInput): Promise<Entry> {
  const { chain, actor, now } = input;
  const { drive } = w;
  const id = chain[0]!.id;
  const entry = (await getEntry(w.tx, drive.id, id))!;
  const above = chain.slice(1);
  const enclosingRoot = above.findIndex((l) => l.trashedAt !== null);
  const wasLive = enclosingRoot === -1;
  // Counters stop at the first trash root: it already left the ancestors above it.
  const carriers = wasLive ? above : above.slice(0, enclosingRoot + 1);
  await addToTree(w, carriers.map((l) => l.id), { bytes: -entry.treeBytes, count: -entry.treeCount });
  const origPath = wasLive ? pathOf(chain) : (entry.origPath ?? `/${entry.name}`);
  // A pending "empty the bin" hides and purges items trashed up to its cutoff. One trashed
  // after it, in the same millisecond (or after the clock stepped back), must fall after
  // the cutoff, or it would vanish with what the user asked to purge.
  const trashedAt = drive.binHiddenBefore !== null && now <= drive.binHiddenBefore ? drive.binHiddenBefore + 1 : now;
  await updateEntry(w, id, {
    trashed_at: trashedAt,
    trashed_by: actor.userId,
    orig_parent_id: entry.parentId,
    orig_path: origPath,
    changed_at: now,
    purge_job_id: input.purgeJobId ?? null,
    restore_job_id: input.restoreJobId ?? null,
    deletion_event_id: input.deletionEventId ?? null,
  });
  // Search hides what is below by the ancestor check now, and by index once marked. Rows
  // a delete job takes at once are not marked: the job removes them (search-marks.ts).
  if (entry.type === 'folder' && input.purgeJobId === undefined) await queueMarking(w, id);
  if (wasLive) {
    await adjustDriveBytes(w, { used: 0, bin: entry.treeBytes });
    if (entry.parentId !== null) await touchRecycledDir(w, { dirId: entry.parentId, path: pathOf(above), at: now });
  }
  return (await getEntry(w.tx, drive.id, id))!;
}
