import { nextRootToPurge } from '../../store/repositories/bin.repository.js';
import { forgetBlobDeletions } from '../../store/repositories/purge.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { JobRun } from '../jobs/job-run.js';
import type { JobType } from '../types.js';
import { purgeStep } from './purge-step.js';

/* The loops every purging job (delete, clear, expire) runs, one purge step per batch. */

/**
 * Purges one subtree in steps until it is gone or the job is cancelled. The contents a
 * step freed leave the disk right after it commits; should the node die in between, the
 * blob_gc rows that committed with the step get them removed later.
 */
export async function purgeSubtree<T extends JobType>(ctx: CoreContext, run: JobRun<T>, rootId: string): Promise<boolean> {
  const { purgeBatchSize } = ctx.settings;
  let done = false;
  while (!done) {
    let freed: string[] = [];
    const went = await run.step(async (w) => {
      const step = await purgeStep(w, { rootId, limit: purgeBatchSize, now: ctx.clock.now() });
      done = step.done;
      freed = step.blobIds;
      return { processed: step.processed, phase: 'applying' };
    });
    if (!went) return false;
    if (freed.length > 0) {
      await ctx.blobs.deleteMany(freed);
      await forgetBlobDeletions(ctx.store.db, freed);
    }
  }
  return true;
}

/** Purges bin items trashed at or before the cutoff `cutoffOf` gives, oldest first. */
export async function purgeBinItems<T extends JobType>(
  ctx: CoreContext,
  run: JobRun<T>,
  cutoffOf: (w: DriveTx) => Promise<number | null>,
): Promise<void> {
  for (;;) {
    let next: string | undefined;
    const went = await run.step(async (w) => {
      const cutoff = await cutoffOf(w);
      next = cutoff === null ? undefined : (await nextRootToPurge(w.tx, w.driveId, cutoff))?.id;
      return { phase: 'applying' };
    });
    if (!went || next === undefined) return;
    if (!(await purgeSubtree(ctx, run, next))) return;
  }
}
