import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, getEntry } from '../../store/repositories/entries.repository.js';
import {
  busyChildFolder,
  deleteEntries,
  detachTrashedChildren,
  leafChildren,
  queueBlobsForDeletion,
} from '../../store/repositories/purge.repository.js';
import type { DriveTx } from '../../store/store.js';

export interface PurgeStepResult {
  /** Entries deleted by this step. */
  processed: number;
  /** Blobs freed by this step, to remove from disk once it has committed. */
  blobIds: string[];
  /** The whole subtree, its root included, is gone. */
  done: boolean;
}

/**
 * One batch of a permanent delete of the subtree under `rootId`, inside the caller's
 * drive transaction (which holds the drive's lock, so it orders with every other writer). It walks down from the root to a folder whose remaining children are all
 * leaves (files, or folders emptied already), deletes up to `limit` of them, and takes
 * their bytes and counts off every folder on the way back up and off the drive. Memory
 * holds one batch and one path; a crash loses at most the uncommitted batch, and the next
 * step finds its way from the root again. Trash roots inside the subtree are not touched:
 * they stay in the bin, detached from the folder that goes.
 */
export async function purgeStep(w: DriveTx, input: { rootId: string; limit: number; now: number }): Promise<PurgeStepResult> {
  const { rootId, limit, now } = input;
  const { tx, driveId } = w;
  const root = await getEntry(tx, driveId, rootId);
  if (!root) return { processed: 0, blobIds: [], done: true };
  const inBin = root.trashedAt !== null;

  const path = [rootId]; // root first, deepest last
  if (root.type === 'folder') {
    for (let next = await busyChildFolder(tx, driveId, rootId); next; next = await busyChildFolder(tx, driveId, next)) {
      path.push(next);
    }
  }
  const deepest = path[path.length - 1]!;

  const leaves = root.type === 'folder' ? await leafChildren(tx, driveId, deepest, limit) : [];
  if (leaves.length > 0) {
    const bytes = leaves.reduce((sum, l) => sum + l.treeBytes, 0);
    const blobIds = leaves.flatMap((l) => (l.blobId ? [l.blobId] : []));
    await detachTrashedChildren(w, leaves.filter((l) => l.type === 'folder').map((l) => l.id));
    await deleteEntries(w, leaves.map((l) => l.id));
    await queueBlobsForDeletion(tx, blobIds, now);
    await addToTree(w, path, { bytes: -bytes, count: -leaves.length });
    await adjustDriveBytes(w, { used: -bytes, bin: inBin ? -bytes : 0 });
    return { processed: leaves.length, blobIds, done: false };
  }

  // Nothing counted is left below `deepest`: it goes itself. That is the root once the
  // counters agree with the tree; a folder deeper down only if they had drifted.
  const last = (await getEntry(tx, driveId, deepest))!;
  if (last.type === 'folder') await detachTrashedChildren(w, [last.id]);
  await deleteEntries(w, [last.id]);
  const blobIds = last.blobId ? [last.blobId] : [];
  await queueBlobsForDeletion(tx, blobIds, now);
  await addToTree(w, path.slice(0, -1), { bytes: -last.treeBytes, count: -last.treeCount });
  await adjustDriveBytes(w, { used: -last.treeBytes, bin: inBin ? -last.treeBytes : 0 });
  return { processed: 1, blobIds, done: last.id === rootId };
}
