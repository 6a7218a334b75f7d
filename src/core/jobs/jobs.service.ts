import { countJobs, findJobForCaller, getJob as findJob, getJobAndDriveOwner, type JobListQuery, listJobs, updateJobInState } from '../../store/repositories/jobs.repository.js';
import { checkRole, requireDrive, roleFrom, roleOn } from '../access.js';
import { accessTokenHash, actorOfCaller, userOfAccessToken } from '../auth/tokens.service.js';
import { nameAsKnown } from '../users/deleted-names.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { withCreatorNames } from '../users/actor-names.js';
import type { Actor, DriveRole, Job, JobState, JobType, NamedJob } from '../types.js';
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

/** A job and the actor's role on its drive, if they may see it: a viewer sees the drive's jobs. */
async function seenJob(ctx: CoreContext, actor: Actor, jobId: string): Promise<{ job: Job; role: DriveRole }> {
  const id = jobNumber(jobId);
  const found = await getJobAndDriveOwner(ctx.store.db, id);
  const role = found && (await roleOn(ctx.store.db, actor, { id: found.job.driveId, ownerId: found.driveOwnerId }));
  if (!found || role === undefined) throw jobNotFound(String(id));
  return { job: found.job, role };
}

/** A job the actor may see: one on a drive they own or are a member of (admin: any). */
export async function getJob(ctx: CoreContext, actor: Actor, jobId: string): Promise<NamedJob> {
  return named(ctx, (await seenJob(ctx, actor, jobId)).job);
}

/**
 * getJob for a caller known by an access token: the token, the job, the caller's role on
 * its drive and the creator's name are read in one statement (one round trip on
 * PostgreSQL, where the token, job and name lookups took three). Answers exactly as
 * userOfAccessToken then getJob would: Unauthenticated first, then JobNotFound.
 */
export async function getJobForToken(ctx: CoreContext, accessToken: string, jobId: string): Promise<{ actor: Actor; job: NamedJob }> {
  const hash = accessTokenHash(accessToken);
  let id: number;
  try {
    id = jobNumber(jobId);
  } catch (err) {
    await userOfAccessToken(ctx, accessToken); // a bad token is told before a bad id
    throw err;
  }
  const found = await findJobForCaller(ctx.store.db, { hash, id });
  const actor = actorOfCaller(ctx, found?.caller);
  const seen = found?.job;
  if (!seen || roleFrom(actor, seen.driveOwnerId, () => seen.memberRole) === undefined) throw jobNotFound(String(id));
  return { actor, job: { ...seen.job, createdByName: nameAsKnown(seen.creatorName ?? '') } };
}

const named = async (ctx: CoreContext, job: Job): Promise<NamedJob> => (await withCreatorNames(ctx.store.db, [job]))[0]!;

/**
 * Who may cancel a job: whoever may start one of its type. Restores and copies are an
 * editor's; permanent deletions, clears and expiries are the owner's decisions, and so is
 * keeping what they would have deleted.
 */
const CANCEL_NEEDS: Record<JobType, DriveRole> = {
  restore: 'editor',
  restore_all: 'editor',
  copy: 'editor',
  delete: 'owner',
  delete_all: 'owner',
  clear: 'owner',
  expire: 'owner',
};

/**
 * The jobs the actor may see (on drives they own or are a member of; admin: all), newest
 * first, one page counted and cut in the database. A state may be narrowed to phases, so a listing by how far jobs got needs no
 * merging in memory and has no cap. With `driveId`, a drive the actor cannot see is
 * DriveNotFound, as everywhere.
 */
export async function listJobsFor(
  ctx: CoreContext,
  actor: Actor,
  query: Omit<JobListQuery, 'visibleTo'>,
): Promise<{ items: NamedJob[]; total: number }> {
  if (query.driveId !== undefined) await requireDrive(ctx.store.db, { actor, driveId: query.driveId, need: 'viewer' });
  const q = { ...query, visibleTo: actor.isAdmin ? undefined : actor.userId };
  const [items, total] = await Promise.all([listJobs(ctx.store.db, q), countJobs(ctx.store.db, q)]);
  return { items: await withCreatorNames(ctx.store.db, items), total };
}

/**
 * Cancels in two phases: a queued job is cancelled at once (and lets go of what it held);
 * a running one is flagged, and its next step sees the flag and stops, keeping what it
 * finished. Any other state is refused, naming it.
 */
export async function cancelJob(ctx: CoreContext, handlers: JobHandlers, input: { actor: Actor; jobId: string }): Promise<NamedJob> {
  const { job, role } = await seenJob(ctx, input.actor, input.jobId);
  checkRole(job.driveId, role, CANCEL_NEEDS[job.type]);
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
