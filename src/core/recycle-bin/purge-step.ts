import { purgeBatch, type PurgeBatchResult } from '../../store/repositories/purge-batch.repository.js';
import type { DriveTx } from '../../store/store.js';

export type PurgeStepResult = PurgeBatchResult;

/**
 * One batch of a permanent delete of the subtree under `rootId`, inside the caller's
 * drive transaction (which holds the drive's lock, so it orders with every other writer).
 * The subtree goes bottom-up: each `purgeBatch` deletes the leaves of one folder (and the
 * folder once they are all gone) and takes their bytes and counts off every folder above
 * them and off the drive. A folder rarely holds just what is left of the step's `limit`,
 * so the step goes on to the next folder until `limit` entries went: without that, the
 * transactions (each with its lock, lease and progress) outnumbered the full batches of
 * a plain delete by half. Memory holds one batch; a crash loses at most the uncommitted
 * batch, and the next step finds its way from the root again. Trash roots inside the
 * subtree are not touched: they stay in the bin, detached from the folder that goes.
 */
export async function purgeStep(w: DriveTx, input: { rootId: string; limit: number; now: number }): Promise<PurgeStepResult> {
  const step: PurgeStepResult = { processed: 0, blobIds: [], done: false };
  while (step.processed < input.limit && !step.done) {
    const batch = await purgeBatch(w, { ...input, limit: input.limit - step.processed });
    step.processed += batch.processed;
    step.blobIds.push(...batch.blobIds);
    step.done = batch.done;
    if (batch.processed === 0) break;
  }
  return step;
}
