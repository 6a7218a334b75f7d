import { getJob, recordOwnedStep } from '../../store/repositories/jobs.repository.js';
import { insertJobFailures, type JobFailure } from '../../store/repositories/job-failures.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { Job, JobParamsByType, JobPhase, JobType } from '../types.js';

/** Thrown when this node no longer holds the job's lease: another node took it over. */
export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`lost the lease on job ${jobId}`);
  }
}

/** A cancel was requested while a step ran: the step is rolled back, the job stops. */
class CancelSeen extends Error {}

export interface StepOutcome<T extends JobType = JobType> {
  processed?: number;
  failed?: number;
  phase?: JobPhase;
  total?: number;
  /** Replaces the job's parameters (a restore records where the item went). */
  params?: JobParamsByType[T];
  /** Why items failed, reported with the job when it ends. */
  error?: { code: string; message: string };
  /**
   * The items this batch failed, for the job's report: recorded with the batch, counted
   * in `failed` (which defaults to their number). A job keeps the first MAX_REPORTED_FAILURES.
   */
  failures?: JobFailure[];
}

/** Failed items a job's report keeps; `failed` still counts every one. */
export const MAX_REPORTED_FAILURES = 10_000;

/**
 * One node's hold on one running job. Every step is its own transaction that does one
 * batch and then records progress and a fresh lease with one update, which holds only
 * while this node owns the job and no cancel was requested; otherwise the batch is rolled
 * back. Progress never runs ahead of what committed, and a cancel is seen within one
 * batch. (Checking first, with a read of its own, cost a round trip a batch: a seventh of
 * a purge's time on PostgreSQL.)
 */
export class JobRun<T extends JobType = JobType> {
  private cancelled = false;
  private paused = false;
  /** The last per-item failure, reported as the job's error when it ends. */
  lastError: { code: string; message: string } | undefined;

  constructor(
    private readonly ctx: CoreContext,
    public job: Job<T>,
    private readonly owner: string,
    private readonly shutdown: AbortSignal,
  ) {}

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** The node is shutting down: the job stopped between steps and is handed back unfinished. */
  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Runs `fn` as one batch, in a transaction that holds the drive's lock (taken first, as
   * every writer takes it); returns false once a cancel has been requested (the batch is
   * rolled back) or the node is shutting down (it does not run), and the handler then
   * stops. Throws LeaseLostError, the batch rolled back, once another node holds the job.
   */
  async step(fn: (w: DriveTx) => Promise<StepOutcome<T>>): Promise<boolean> {
    // better-sqlite3 answers synchronously, so without this a whole job would run as one
    // chain of microtasks: the event loop (HTTP requests, a cancel, /healthz) stalled
    // for the whole purge (3 s for 2,000 one-entry batches in test/core/refusals.test.ts).
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.shutdown.aborted) {
      this.paused = true;
      return false;
    }
    let processed = 0;
    try {
      const went = await this.ctx.store.writeDrive(this.job.driveId, async (w) => {
        const outcome = await fn(w);
        processed = outcome.processed ?? 0;
        const failures = outcome.failures ?? [];
        const room = Math.max(0, MAX_REPORTED_FAILURES - this.job.failed);
        await insertJobFailures(w, this.job.id, this.job.failed, failures.slice(0, room));
        const now = this.ctx.clock.now();
        const guard = { id: this.job.id, owner: this.owner, now };
        const recorded = (await recordOwnedStep(w, guard, {
          processed: outcome.processed ?? 0,
          failed: outcome.failed ?? failures.length,
          phase: outcome.phase,
          total: outcome.total,
          params: outcome.params && JSON.stringify(outcome.params),
          leaseExpiresAt: now + this.ctx.settings.jobLeaseMs,
        })) as Job<T> | undefined;
        if (!recorded) {
          const current = await getJob(w.tx, this.job.id);
          if (!current || current.state !== 'running' || current.leaseOwner !== this.owner) throw new LeaseLostError(this.job.id);
          throw new CancelSeen();
        }
        const last = failures.at(-1);
        if (outcome.error ?? last) this.lastError = outcome.error ?? { code: last!.code, message: last!.message };
        this.job = recorded;
        return true;
      });
      // Committed: only now does the batch count (a rolled-back one processed nothing).
      if (processed > 0) this.ctx.observer?.jobItemsProcessed(this.job.type, processed);
      return went;
    } catch (err) {
      if (!(err instanceof CancelSeen)) throw err;
      this.cancelled = true;
      return false;
    }
  }
}
