import { activeExclusiveJobs, insertJob } from '../../store/repositories/jobs.repository.js';
import type { Db } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Actor, Drive, Job, JobType } from '../types.js';

/**
 * What to do when the drive already has a restore/delete/clear job queued or running:
 * PDS queues the new one behind it; NAS refuses it, naming the job in the way.
 */
export type ConflictPolicy = 'queue' | 'refuse';

export interface NewJob {
  type: JobType;
  targetId: string | null;
  targetName: string | null;
  params: Record<string, unknown>;
  total: number;
  policy: ConflictPolicy;
}

/** Jobs of these types block each other per drive; `expire` queues behind them silently. */
const USER_EXCLUSIVE: readonly JobType[] = ['restore', 'delete', 'clear'];

const activeUserJobs = async (tx: Db, driveId: string): Promise<Job[]> =>
  (await activeExclusiveJobs(tx, driveId)).filter((j) => USER_EXCLUSIVE.includes(j.type));

function refuseSameTarget(active: Job[], targetId: string): void {
  const same = active.find((j) => j.targetId === targetId);
  if (same) {
    throw new DomainError('JobConflict', `The operation is in conflict with (${same.id}). Please try again later.`, {
      jobId: String(same.id),
    });
  }
}

/**
 * NAS refuses a job on the very entry a queued or running job holds, naming that job.
 * Call it before looking the entry up: a delete job hides its target at once, and the
 * answer must be the conflict, not a not-found.
 */
export async function refuseIfTargetBusy(tx: Db, driveId: string, targetId: string): Promise<void> {
  refuseSameTarget(await activeUserJobs(tx, driveId), targetId);
}

/**
 * Queues a job inside the caller's transaction, so the change that needs the job and the
 * job itself commit or roll back together. The caller holds the drive lock.
 */
export async function enqueueJob(tx: Db, ctx: CoreContext, drive: Drive, actor: Actor, job: NewJob): Promise<Job> {
  if (job.policy === 'refuse') {
    const active = await activeUserJobs(tx, drive.id);
    if (job.targetId !== null) refuseSameTarget(active, job.targetId);
    if (active.length > 0) {
      throw new DomainError('TooManyRunningJobs', 'The maximum number of running job is one. Please try again later.', {
        jobId: String(active[0]!.id),
      });
    }
  }
  const now = ctx.clock.now();
  return insertJob(tx, {
    drive_id: drive.id,
    type: job.type,
    state: 'queued',
    phase: '',
    exclusive: job.type === 'trash' ? 0 : 1,
    cancel_requested: 0,
    target_id: job.targetId,
    target_name: job.targetName,
    params: JSON.stringify(job.params),
    total: job.total,
    processed: 0,
    failed: 0,
    error_code: null,
    error_message: null,
    created_by: actor.userId,
    created_at: now,
    started_at: null,
    finished_at: null,
    updated_at: now,
    lease_owner: null,
    lease_expires_at: null,
    attempts: 0,
  });
}
