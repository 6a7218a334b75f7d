import { insertJob } from '../../store/repositories/jobs.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Actor, Job, JobParamsByType, JobType } from '../types.js';

/**
 * What to do when the drive already has a job queued or running: PDS queues the new one
 * behind it; NAS refuses it, naming the job in the way.
 */
export type ConflictPolicy = 'queue' | 'refuse';

export type NewJob<T extends JobType = JobType> = {
  [K in T]: {
    type: K;
    actor: Actor;
    targetId: string | null;
    targetName: string | null;
    params: JobParamsByType[K];
    total: number;
    policy: ConflictPolicy;
    /** The drive's queued and running jobs, read once by the caller under the drive lock. */
    active: readonly Job[];
  };
}[T];

/** Jobs a user asked for; `expire` queues behind them silently and never blocks them. */
const userJobs = (active: readonly Job[]): Job[] => active.filter((j) => j.type !== 'expire');

/**
 * NAS refuses a job on the very entry a queued or running job holds, naming that job.
 * Check it before looking the entry up: a delete job hides its target at once, and the
 * answer must be the conflict, not a not-found.
 */
export function refuseIfTargetBusy(active: readonly Job[], targetId: string): void {
  const same = userJobs(active).find((j) => j.targetId === targetId);
  if (same) {
    throw new DomainError('JobConflict', `job (${same.id}) holds the same entry`, {
      jobId: String(same.id),
    });
  }
}

/**
 * Queues a job inside the caller's drive transaction, so the change that needs the job and
 * the job itself commit or roll back together.
 */
export async function enqueueJob<T extends JobType>(ctx: CoreContext, w: DriveTx, job: NewJob<T>): Promise<Job<T>> {
  if (job.policy === 'refuse') {
    if (job.targetId !== null) refuseIfTargetBusy(job.active, job.targetId);
    const ahead = userJobs(job.active);
    if (ahead.length > 0) {
      throw new DomainError('TooManyRunningJobs', `job (${ahead[0]!.id}) holds the drive: one such job runs at a time`, {
        jobId: String(ahead[0]!.id),
      });
    }
  }
  const now = ctx.clock.now();
  const inserted = await insertJob(w, {
    type: job.type,
    state: 'queued',
    phase: '',
    cancel_requested: 0,
    target_id: job.targetId,
    target_name: job.targetName,
    params: JSON.stringify(job.params),
    total: job.total,
    processed: 0,
    failed: 0,
    error_code: null,
    error_message: null,
    created_by: job.actor.userId,
    created_at: now,
    started_at: null,
    finished_at: null,
    updated_at: now,
    lease_owner: null,
    lease_expires_at: null,
    attempts: 0,
  });
  return inserted as Job<T>;
}
