import { purgeBatch, type PurgeBatchResult } from '../../store/repositories/purge-batch.repository.js';
import type { DriveTx } from '../../store/store.js';

export type PurgeStepResult = PurgeBatchResult;

/**
 * One batch of a permanent delete of the subtree under `rootId`, inside the caller's
 * drive transaction (which holds the drive's lock, so it orders with every other writer).
 * The subtree goes bottom-up: each step deletes up to `limit` entries that have nothing
 * counted below them and takes their bytes and counts off every folder above them and
 * off the drive (see `purgeBatch` for how). Memory holds one batch; a crash loses at most
 * the uncommitted batch, and the next step finds its way from the root again. Trash roots
 * inside the subtree are not touched: they stay in the bin, detached from the folder
 * that goes.
 */
export async function purgeStep(w: DriveTx, input: { rootId: string; limit: number; now: number }): Promise<PurgeStepResult> {
  return purgeBatch(w, input);
}
