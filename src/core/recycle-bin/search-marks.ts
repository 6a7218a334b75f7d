import {
  addFrontier,
  restartMarking,
  advanceFrontier,
  forgetDriveMarkWork,
  forgetMarkWork,
  markChildren,
  markState,
  nextFrontierFolder,
  nextMarkWork,
  setMarkState,
  trashRootState,
  unmarkSome,
} from '../../store/repositories/search-marks.repository.js';
import type { CoreContext } from '../context.js';

/**
 * Search marking: the background half of "search skips the bin".
 *
 * Trash stays O(depth): it marks one row and queues its root here. This work then sets
 * `binned_under = root` on the rows below, a batch (one transaction under the drive's
 * lock) at a time, so the search indexes, which hold only unmarked rows, stop offering
 * them. Restore stays O(depth) too: it flags the roots in the restored entry's chain
 * 'unmarking', and from that moment search reads their marked rows again and judges them
 * by the ancestor check; this work clears those marks, then marks the root again if it is
 * still trashed (a restore from inside a trashed folder leaves the folder in the bin).
 *
 * So a mark hides a row only while its root is trashed and not 'unmarking', and rows not
 * yet marked are hidden by the ancestor check, which search keeps for every candidate:
 * search never shows a trashed entry, and a restore shows its entries at once.
 */

/**
 * One batch of marking work, on whichever root is first in the queue (of `driveId`, if
 * given). Returns false when there was none. `batchSize` rows at most are written.
 */
export async function markStep(ctx: CoreContext, batchSize: number, driveId?: string): Promise<boolean> {
  const work = await nextMarkWork(ctx.store.db, driveId);
  if (!work) return false;
  const { rootId } = work;
  await ctx.store.writeDrive(work.driveId, async (w) => {
    if (!w.drive) return forgetDriveMarkWork(w);
    const state = await markState(w, rootId);
    if (state === 'unmarking') {
      if ((await unmarkSome(w, rootId, batchSize)) === batchSize) return;
      // No stale mark is left: mark again what is still in the bin.
      if ((await trashRootState(w, rootId)) === 'binned') {
        await restartMarking(w, rootId);
      } else {
        await forgetMarkWork(w, rootId);
      }
      return;
    }
    if (state !== 'marking') return;
    const root = await trashRootState(w, rootId);
    // Purged, or restored by a path that did not reopen it: what it marked is not trusted.
    if (root === 'gone') return setMarkState(w, rootId, 'unmarking');
    // Marking rows a delete job is removing only doubles the writes (and a marked row costs
    // more to delete: it leaves the bin's name index too). The ancestor check hides them
    // meanwhile; a cancelled or failed delete queues the marking again (deleteJob.settle).
    if (root === 'purging') return forgetMarkWork(w, rootId);
    const next = await nextFrontierFolder(w, rootId);
    if (!next) return forgetMarkWork(w, rootId);
    const children = await markChildren(w, { rootId, folderId: next.folderId, after: next.after, limit: batchSize });
    await addFrontier(w, rootId, children.filter((c) => c.type === 'folder').map((c) => c.id));
    const last = children[children.length - 1];
    await advanceFrontier(w, rootId, next.folderId, children.length < batchSize || !last ? null : { key: last.name, id: last.id });
  });
  return true;
}
