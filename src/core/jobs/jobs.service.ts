import { countJobs, getJob as findJob, getJobAndDriveOwner, type JobListQuery, listJobs, updateJobInState } from '../../store/repositories/jobs.repository.js';
import { canSee, requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { withCreatorNames } from '../users/actor-names.js';
import type { Actor, Job, JobState, NamedJob } from '../types.js';
import { type JobHandlers, settleJob } from './handler.js';
import { recordAudit, recordJobEnd } from '../audit/record.js';

export const jobNotFound = (id: string): DomainError => new DomainError('JobNotFound', `job ${id} does not exist`, { id, field: 'jobId' });

/**
 * Job ids are the decimal strings of an int32 row id; any other string names no job, and
 * is answered like an unknown one.
 */
function jobNumber(jobId: string): number {
  if (!/^[0-9]{1,10}$/.test(jobId) || Number(jobId) > 2_147_483_647) throw jobNotFound(jobId);
  return Number(jobId);
}

/** A job the actor may see: one on their own drive (admin: any). */
export async function getJob(ctx: CoreContext, actor: Actor, jobId: string): Promise<NamedJob> {
  return named(ctx, await visibleJob(ctx, actor, jobId));
}

async function visibleJob(ctx: CoreContext, actor: Actor, jobId: string): Promise<Job> {
  const id = jobNumber(jobId);
  const found = await getJobAndDriveOwner(ctx.store.db, id);
  if (!found || !canSee(actor, { ownerId: found.driveOwnerId })) throw jobNotFound(String(id));
  return found.job;
}

const named = async (ctx: CoreContext, job: Job): Promise<NamedJob> => (await withCreatorNames(ctx.store.db, [job]))[0]!;

/**
 * The jobs the actor may see (admin: all), newest first, one page counted and cut in the
 * database. A state may be narrowed to phases, so a listing by how far jobs got needs no
 * merging in memory and has no cap. With `driveId`, a drive the actor cannot see is
 * DriveNotFound, as everywhere.
 */
export async function listJobsFor(
  ctx: CoreContext,
  actor: Actor,
  query: Omit<JobListQuery, 'ownerId'>,
): Promise<{ items: NamedJob[]; total: number }> {
  if (query.driveId !== undefined) await requireDrive(ctx.store.db, actor, query.driveId);
  const q = { ...query, ownerId: actor.isAdmin ? undefined : actor.userId };
  const [items, total] = await Promise.all([listJobs(ctx.store.db, q), countJobs(ctx.store.db, q)]);
  return { items: await withCreatorNames(ctx.store.db, items), total };
}

/**
 * Cancels in two phases: a queued job is cancelled at once (and lets go of what it held);
 * a running one is flagged, and its next step sees the flag and stops, keeping what it
 * finished. Any other state is refused, naming it.
 */
export async function cancelJob(ctx: CoreContext, handlers: JobHandlers, input: { actor: Actor; jobId: string }): Promise<NamedJob> {
  const job = await visibleJob(ctx, input.actor, input.jobId);
  const cancelled = await ctx.store.writeDrive(job.driveId, async (w) => {
    const now = ctx.clock.now();
    const asked = { action: 'cancel', outcome: 'accepted', driveId: job.driveId, itemId: job.targetId, name: job.targetName, jobId: job.id } as const;
    if (await updateJobInState(w, { id: job.id, states: ['queued'], now }, { state: 'cancelled', finished_at: now })) {
      await settleJob(handlers, w, { job, state: 'cancelled' });
      await recordAudit(w.tx, { at: now, actor: input.actor, ...asked, detail: `${job.type} job, was queued` });
      await recordJobEnd(w, now, { job, state: 'cancelled' });
    } else if (!(await updateJobInState(w, { id: job.id, states: ['running'], now }, { cancel_requested: 1 }))) {
      const current = (await findJob(w.tx, job.id))!;
      throw new DomainError('JobNotCancellable', `job ${job.id} is ${current.state} and cannot be cancelled`, {
        id: String(job.id),
        state: current.state as JobState,
      });
    } else {
      await recordAudit(w.tx, { at: now, actor: input.actor, ...asked, detail: `${job.type} job, was running` });
    }
    return (await findJob(w.tx, job.id))!;
  });
  return named(ctx, cancelled);
}
