import { countRootsToPurge } from '../../store/repositories/bin.repository.js';
import { updateDrive } from '../../store/repositories/drives.repository.js';
import { activeJobs, getJob } from '../../store/repositories/jobs.repository.js';
import { type OpenDriveTx, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { idempotent } from '../idempotency.js';
import { type ConflictPolicy, enqueueJob } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import type { Actor, Job } from '../types.js';
import { purgeBinItems } from './purge-loops.js';
import { recordAudit } from '../audit/record.js';

/**
 * Queues a `clear` job for everything in the bin now. The bin looks empty from this
 * commit on (items up to now are hidden by one drive field, not by touching each item),
 * and the job purges them in the background. Items a queued restore has claimed stay.
 */
export async function enqueueClear(ctx: CoreContext, w: OpenDriveTx, input: { actor: Actor; policy: ConflictPolicy }): Promise<Job> {
  const cutoff = ctx.clock.now();
  const job = await enqueueJob(ctx, w, {
    type: 'clear',
    actor: input.actor,
    targetId: null,
    targetName: w.drive.name,
    params: { cutoff },
    total: 0,
    policy: input.policy,
    active: await activeJobs(w.tx, w.drive.id),
  });
  await updateDrive(w, { bin_hidden_before: cutoff, updated_at: cutoff });
  const { drive } = w;
  const facts = { action: 'clear', outcome: 'accepted', driveId: drive.id, name: drive.name, bytes: drive.binBytes, jobId: job.id } as const;
  await recordAudit(w.tx, { at: cutoff, actor: input.actor, ...facts });
  return job;
}

/** PDS ClearRecyclebin: empties the bin of one drive as one job. */
export async function clearBin(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; clientToken?: string; policy: ConflictPolicy },
): Promise<Job> {
  const { clientToken } = input;
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    const key = { actor, token: clientToken, scope: 'clear', params: { driveId: w.drive.id }, now: ctx.clock.now() };
    const id = await idempotent(w, key, async () => (await enqueueClear(ctx, w, { actor, policy: input.policy })).id);
    return (await getJob(w.tx, id))!;
  });
  ctx.wakeEngine();
  return job;
}

/** Empties the bin of one drive: everything trashed up to the moment it was asked. */
export const clearJob: JobHandler<'clear'> = {
  async run(ctx, run) {
    const { cutoff } = run.job.params;
    await run.step(async (w) => ({ phase: 'listing', total: run.job.processed + (await countRootsToPurge(w.tx, w.driveId, cutoff)) }));
    await purgeBinItems(ctx, run, async () => cutoff);
  },
  async settle(w, job) {
    // The bin was hidden up to the cutoff while the job ran; whatever is left shows again.
    if (w.drive?.binHiddenBefore === job.params.cutoff) await updateDrive(w, { bin_hidden_before: null });
  },
};
