import { binRootsTrashedAfter, countRootsToPurge } from '../../store/repositories/bin.repository.js';
import { updateDrive } from '../../store/repositories/drives.repository.js';
import { activeJobs, getJob } from '../../store/repositories/jobs.repository.js';
import { type OpenDriveTx, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { idempotent } from '../idempotency.js';
import { type ConflictPolicy, enqueueJob } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import type { JobRun } from '../jobs/job-run.js';
import type { Actor, Drive, Job } from '../types.js';
import { purgeBinItems } from './purge-loops.js';
import { recordAudit } from '../audit/record.js';
import { heldItem, heldSince, heldUntil, lockBypass } from './retention-lock.js';

/**
 * Queues a `clear` job for everything in the bin now. The bin looks empty from this
 * commit on (items up to now are hidden by one drive field, not by touching each item),
 * and the job purges them in the background. Items a queued restore has claimed stay.
 */
export async function enqueueClear(
  ctx: CoreContext,
  w: OpenDriveTx,
  input: { actor: Actor; policy: ConflictPolicy; bypassLock?: boolean },
): Promise<Job> {
  const cutoff = ctx.clock.now();
  const bypassLock = lockBypass(input.actor, w.drive, input.bypassLock);
  const job = await enqueueJob(ctx, w, {
    type: 'clear',
    actor: input.actor,
    targetId: null,
    targetName: w.drive.name,
    params: bypassLock ? { cutoff, bypassLock } : { cutoff },
    total: 0,
    policy: input.policy,
    active: await activeJobs(w.tx, w.drive.id),
  });
  await updateDrive(w, { bin_hidden_before: cutoff, updated_at: cutoff });
  const { drive } = w;
  const facts = { action: 'clear', outcome: 'accepted', driveId: drive.id, name: drive.name, bytes: drive.binBytes, jobId: job.id } as const;
  await recordAudit(w.tx, { at: cutoff, actor: input.actor, ...facts, ...(bypassLock && { detail: 'retention lock bypassed' }) });
  return job;
}

/** PDS ClearRecyclebin: empties the bin of one drive as one job. */
export async function clearBin(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; clientToken?: string; policy: ConflictPolicy; bypassLock?: boolean },
): Promise<Job> {
  const { clientToken, bypassLock } = input;
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    const key = { actor, token: clientToken, scope: 'clear', params: { driveId: w.drive.id, bypassLock: bypassLock || undefined }, now: ctx.clock.now() };
    const id = await idempotent(w, key, async () => (await enqueueClear(ctx, w, { actor, policy: input.policy, bypassLock })).id);
    return (await getJob(w.tx, id))!;
  });
  ctx.wakeEngine();
  return job;
}

/**
 * Up to where a clear may purge now: its cutoff, or less where the drive's retention lock
 * holds newer items (read again at every item, as the clock moves and the lock may grow).
 */
function purgeableUpTo(ctx: CoreContext, drive: Drive | undefined, cutoff: number, bypassLock: boolean | undefined): number {
  const since = drive === undefined || bypassLock ? null : heldSince(drive, ctx.clock.now());
  return since === null ? cutoff : Math.min(cutoff, since);
}

/** Bin items a report step lists at once. */
const REPORT_BATCH = 500;

/**
 * After the purge, what is left up to the cutoff is what the lock held: each is reported
 * as a failed item, a batch a step, the last one kept in the job's parameters so that a
 * resumed job goes on after it (and reports none twice).
 */
async function reportHeld(run: JobRun<'clear'>): Promise<void> {
  for (;;) {
    let more = false;
    const went = await run.step(async (w) => {
      const { params } = run.job;
      const items = await binRootsTrashedAfter(w.tx, w.driveId, { upTo: params.cutoff, from: params.reported, limit: REPORT_BATCH });
      more = items.length === REPORT_BATCH;
      const last = items.at(-1);
      if (!last) return { phase: 'finishing' };
      return {
        phase: 'finishing',
        failures: items.map((item) => {
          const until = (w.drive && heldUntil(w.drive, item.trashedAt!)) ?? item.trashedAt!;
          return { itemId: item.id, path: item.origPath ?? '', code: 'RetentionLocked', message: heldItem(w.driveId, item.id, until).message };
        }),
        params: { ...params, reported: { trashedAt: last.trashedAt!, id: last.id } },
      };
    });
    if (!went || !more) return;
  }
}

/**
 * Empties the bin of one drive: everything trashed up to the moment it was asked, but for
 * what a retention lock holds, which stays and is reported as failed items.
 */
export const clearJob: JobHandler<'clear'> = {
  async run(ctx, run) {
    const { cutoff, bypassLock } = run.job.params;
    await run.step(async (w) => ({ phase: 'listing', total: run.job.processed + (await countRootsToPurge(w.tx, w.driveId, cutoff)) }));
    await purgeBinItems(ctx, run, async (w) => purgeableUpTo(ctx, w.drive, cutoff, bypassLock));
    if (!run.isCancelled && !run.isPaused) await reportHeld(run);
  },
  async settle(w, job) {
    // The bin was hidden up to the cutoff while the job ran; whatever is left shows again.
    if (w.drive?.binHiddenBefore === job.params.cutoff) await updateDrive(w, { bin_hidden_before: null });
  },
};
