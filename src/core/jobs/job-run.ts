import { getJob, updateOwnedJob } from '../../store/repositories/jobs.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { Job, JobParamsByType, JobPhase, JobType } from '../types.js';

/** Thrown when this node no longer holds the job's lease: another node took it over. */
export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`lost the lease on job ${jobId}`);
  }
}

export interface StepOutcome<T extends JobType = JobType> {
  processed?: number;
  failed?: number;
  phase?: JobPhase;
  total?: number;
  /** Replaces the job's parameters (a restore records where the item went). */
  params?: JobParamsByType[T];
  /** Why items failed, reported with the job when it ends. */
  error?: { code: string; message: string };
}

/**
 * One node's hold on one running job. Every step is its own transaction that first checks
 * the lease and the cancel flag, then does one batch and records progress and a fresh
 * lease with it: progress never runs ahead of what committed, and a cancel is seen
 * within one batch.
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
   * every writer takes it); returns false, without running it, once a cancel has been
   * requested or the node is shutting down (the handler then stops).
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
    return this.ctx.store.writeDrive(this.job.driveId, async (w) => {
      const current = (await getJob(w.tx, this.job.id)) as Job<T> | undefined;
      if (!current || current.state !== 'running' || current.leaseOwner !== this.owner) throw new LeaseLostError(this.job.id);
      if (current.cancelRequested) {
        this.cancelled = true;
        return false;
      }
      const outcome = await fn(w);
      const now = this.ctx.clock.now();
      const next = {
        processed: current.processed + (outcome.processed ?? 0),
        failed: current.failed + (outcome.failed ?? 0),
        phase: outcome.phase ?? current.phase,
        total: outcome.total ?? current.total,
      };
      const params = outcome.params ?? current.params;
      const held = await updateOwnedJob(w, { id: this.job.id, owner: this.owner, now }, {
        ...next,
        params: JSON.stringify(params),
        lease_expires_at: now + this.ctx.settings.jobLeaseMs,
      });
      if (!held) throw new LeaseLostError(this.job.id);
      if (outcome.error) this.lastError = outcome.error;
      this.job = { ...current, ...next, params };
      return true;
    });
  }
}
