import { countRootsToPurge } from '../../store/repositories/bin.repository.js';
import { getDrive, updateDrive } from '../../store/repositories/drives.repository.js';
import { getJob } from '../../store/repositories/jobs.repository.js';
import type { Tx } from '../../store/store.js';
import { requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkClientToken, idempotent } from '../idempotency.js';
import { type ConflictPolicy, enqueueJob } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import type { Actor, Drive, Job } from '../types.js';
import { purgeBinItems } from './purge-loops.js';

/**
 * Queues a `clear` job for everything in the bin now. The bin looks empty from this
 * commit on (items up to now are hidden by one drive field, not by touching each item),
 * and the job purges them in the background.
 */
export async function enqueueClear(tx: Tx, ctx: CoreContext, drive: Drive, actor: Actor, policy: ConflictPolicy): Promise<Job> {
  const cutoff = ctx.clock.now();
  const job = await enqueueJob(tx, ctx, drive, actor, {
    type: 'clear',
    targetId: null,
    targetName: drive.name,
    params: { cutoff },
    total: 0,
    policy,
  });
  await updateDrive(tx, drive.id, { bin_hidden_before: cutoff, updated_at: cutoff });
  return job;
}

/** PDS ClearRecyclebin: empties the bin of one drive as one job. */
export async function clearBin(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: unknown; clientToken?: unknown; policy: ConflictPolicy },
): Promise<Job> {
  const clientToken = checkClientToken(input.clientToken);
  const job = await ctx.store.transaction(async (tx) => {
    const drive = await requireDrive(tx, actor, input.driveId, ctx.store.capabilities);
    const id = await idempotent(tx, ctx.store.capabilities, actor, clientToken, 'clear', { driveId: drive.id }, ctx.clock.now(), async () => {
      return (await enqueueClear(tx, ctx, drive, actor, input.policy)).id;
    });
    return (await getJob(tx, id))!;
  });
  ctx.wakeEngine();
  return job;
}

/** Empties the bin of one drive: everything trashed up to the moment it was asked. */
export const clearJob: JobHandler = {
  async run(ctx, run) {
    const cutoff = Number(run.job.params.cutoff);
    await run.step(async (tx) => ({ phase: 'listing', total: run.job.processed + (await countRootsToPurge(tx, run.job.driveId, cutoff)) }));
    await purgeBinItems(ctx, run, async () => cutoff);
  },
  async settle(tx, job) {
    // The bin was hidden up to the cutoff while the job ran; whatever is left shows again.
    const drive = await getDrive(tx, job.driveId);
    if (drive && drive.binHiddenBefore === Number(job.params.cutoff)) {
      await updateDrive(tx, job.driveId, { bin_hidden_before: null });
    }
  },
};
