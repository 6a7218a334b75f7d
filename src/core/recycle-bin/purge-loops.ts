import { nextRootToPurge } from '../../store/repositories/bin.repository.js';
import { forgetBlobDeletions } from '../../store/repositories/purge.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { JobRun } from '../jobs/job-run.js';
import type { Entry, JobType } from '../types.js';
import { recordAudit } from '../audit/record.js';
import { purgeStep } from './purge-step.js';

/* The loops every purging job (delete, clear, expire) runs, one purge step per batch. */

/**
 * Purges one subtree in steps until it is gone or the job is cancelled. The contents a
 * step freed leave the disk after it commits, while the next step runs in the database:
 * one step's unlinks and the next step's deletes overlap, and at most two steps' blob ids
 * are held. Their blob_gc rows are forgotten by the step after the unlinks finished, in
 * its own transaction (a transaction of their own cost a commit a batch). Should the node
 * die in between, the blob_gc rows that committed with the steps get the files removed
 * later.
 */
export const purgeSubtree = <T extends JobType>(ctx: CoreContext, run: JobRun<T>, rootId: string): Promise<boolean> =>
  purgeSubtreeThen(ctx, run, { rootId });

/** purgeSubtree, and `onGone` in the transaction of the step that purges the last of it. */
export async function purgeSubtreeThen<T extends JobType>(
  ctx: CoreContext,
  run: JobRun<T>,
  target: { rootId: string; onGone?: (w: DriveTx) => Promise<void> },
): Promise<boolean> {
  const { rootId, onGone } = target;
  const { purgeBatchSize } = ctx.settings;
  let done = false;
  /** Unlinks of the last step's blobs, running; settled, so a failure waits to be awaited. */
  let unlinking: Promise<Settled> = Promise.resolve({ ids: [] });
  /** Blobs whose files are gone, their blob_gc rows not yet deleted. */
  let unlinked: string[] = [];
  try {
    while (!done) {
      let freed: string[] = [];
      const went = await run.step(async (w) => {
        const step = await purgeStep(w, { rootId, limit: purgeBatchSize, now: ctx.clock.now() });
        await forgetBlobDeletions(w.tx, unlinked);
        done = step.done;
        freed = step.blobIds;
        if (done) await onGone?.(w);
        return { processed: step.processed, phase: 'applying' };
      });
      if (!went) return false;
      unlinked = unwrap(await unlinking);
      unlinking = freed.length > 0 ? settle(ctx.blobs.deleteMany(freed), freed) : Promise.resolve({ ids: [] });
    }
    return true;
  } finally {
    // Whether the purge ended, was cancelled or failed: the files of committed steps go.
    const last = unwrap(await unlinking);
    await forgetBlobDeletions(ctx.store.db, [...unlinked, ...last]);
  }
}

type Settled = { ids: string[]; error?: unknown };
const settle = (p: Promise<void>, ids: string[]): Promise<Settled> =>
  p.then(
    () => ({ ids }),
    (error: unknown) => ({ ids: [], error }),
  );
function unwrap(s: Settled): string[] {
  if (s.error !== undefined) throw s.error;
  return s.ids;
}

/** Purges bin items trashed at or before the cutoff `cutoffOf` gives, oldest first. */
export async function purgeBinItems<T extends JobType>(
  ctx: CoreContext,
  run: JobRun<T>,
  cutoffOf: (w: DriveTx) => Promise<number | null>,
): Promise<void> {
  for (;;) {
    let next: Entry | undefined;
    const went = await run.step(async (w) => {
      const cutoff = await cutoffOf(w);
      next = cutoff === null ? undefined : await nextRootToPurge(w.tx, w.driveId, cutoff);
      return { phase: 'applying' };
    });
    if (!went || next === undefined) return;
    const item: Entry = next;
    // An expiry answers no request: each item it purges is a record of its own, written
    // with the step that purges the last of it. (Emptying a bin was asked for once, and
    // is recorded once, with its job.)
    const onGone = run.job.type === 'expire' ? (w: DriveTx) => recordExpiry(w, { item, jobId: run.job.id, at: ctx.clock.now() }) : undefined;
    if (!(await purgeSubtreeThen(ctx, run, { rootId: item.id, onGone }))) return;
  }
}

const recordExpiry = (w: DriveTx, expired: { item: Entry; jobId: number; at: number }): Promise<void> => {
  const { item, jobId, at } = expired;
  return recordAudit(w.tx, {
    at,
    actor: null,
    dialect: 'retention',
    action: 'expire',
    outcome: 'succeeded',
    driveId: item.driveId,
    itemId: item.id,
    name: item.name,
    path: item.origPath,
    bytes: item.treeBytes,
    jobId,
  });
};
