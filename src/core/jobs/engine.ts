import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { forgetTokensBefore } from '../../store/repositories/idempotency.repository.js';
import {
  claimNextJob,
  deleteFinishedJobsBefore,
  expireAllLeases,
  updateOwnedJob,
} from '../../store/repositories/jobs.repository.js';
import { forgetBlobDeletions, pendingBlobDeletions } from '../../store/repositories/purge.repository.js';
import { sweepBlobs } from '../blobs/sweep-blobs.js';
import type { CoreContext } from '../context.js';
import { isStoreUnavailable } from '../errors.js';
import type { Job, JobState } from '../types.js';
import { handlerOf, type JobHandlers, settleJob } from './handler.js';
import { markStep } from '../recycle-bin/search-marks.js';
import { settlesWithin } from '../settles-within.js';
import { JobRun, LeaseLostError } from './job-run.js';
import { recordJobEnd } from '../audit/record.js';

export interface EngineOptions {
  handlers: JobHandlers;
  logger: Logger;
  /** Jobs this node runs at once, each on a different drive (one running job per drive). */
  concurrency?: number;
  /** Called on every tick of the retention clock (expire jobs are created there). */
  onRetentionTick?: () => Promise<void>;
}

/**
 * The job engine of one node: claims runnable jobs from the database, runs them, and
 * records how they end. Several nodes may run engines on one database; the claim, the
 * lease and the guarded updates keep each job on one node at a time.
 */
export class JobEngine {
  readonly nodeId = `node-${randomBytes(6).toString('hex')}`;
  private readonly running = new Map<number, { promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private housekeepingRun: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweepRun: Promise<void> | undefined;
  private markingRun: Promise<void> | undefined;
  private wakeMarking: (() => void) | undefined;
  private stopping: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: EngineOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.stopping = undefined;
    const { store, clock } = this.ctx;
    if (store.capabilities.singleProcess) {
      // No other process can hold these: they were ours before a crash or restart.
      const taken = await expireAllLeases(store.db, clock.now());
      if (taken > 0) this.options.logger.info({ jobs: taken }, 'resuming jobs left running by the last run');
    }
    await this.drainBlobDeletions();
    this.schedule(0);
    if (this.ctx.settings.searchMarkBatchSize > 0) this.markingRun = this.marking();
    const retention = async () => {
      if (this.stopped) return;
      this.housekeepingRun = this.housekeeping().catch((err) => this.options.logger.error({ err }, 'housekeeping failed'));
      await this.housekeepingRun;
      this.housekeepingRun = undefined;
      // A stop during housekeeping cleared the old timer; arming a new one would keep the
      // process alive for a whole interval after close.
      if (!this.stopped) this.retentionTimer = setTimeout(retention, this.ctx.settings.retentionCheckIntervalMs);
    };
    void retention();
    this.sweepTimer = setTimeout(() => void this.sweepLoop(), this.ctx.settings.blobSweepIntervalMs);
  }

  /**
   * The blob sweep, every `blobSweepIntervalMs` and not only at start: a PUT cut off on
   * PostgreSQL left its partial file in blobs/tmp until a restart 15 minutes later.
   * Start-up recovery has just done its part, so the first sweep waits one interval.
   */
  private async sweepLoop(): Promise<void> {
    if (this.stopped) return;
    const { logger } = this.options;
    this.sweepRun = sweepBlobs(this.ctx)
      .then((r) => {
        if (r.removed + r.published > 0) logger.info(r, 'blob sweep removed abandoned files');
      })
      .catch((err) => logger.error({ err }, 'blob sweep failed; it runs again at the next interval'));
    await this.sweepRun;
    this.sweepRun = undefined;
    if (!this.stopped) this.sweepTimer = setTimeout(() => void this.sweepLoop(), this.ctx.settings.blobSweepIntervalMs);
  }

  /**
   * Stops claiming, lets each running job finish the batch it is in, and gives it back
   * (lease ended, so it resumes on the next engine at once). Housekeeping stops between
   * its parts; it is waited for at most `graceMs`, as nothing it leaves undone is lost
   * (the next run does it again).
   */
  stop({ graceMs = 5_000 }: { graceMs?: number } = {}): Promise<void> {
    // Once: a second caller (close after stop) waits for the same stop, not a second grace.
    this.stopping ??= this.halt(graceMs);
    return this.stopping;
  }

  private async halt(graceMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retentionTimer);
    clearTimeout(this.sweepTimer);
    for (const { abort } of this.running.values()) abort.abort();
    const housekeeping = this.housekeepingRun;
    const sweep = this.sweepRun;
    this.wakeMarking?.();
    // At most one marking batch: each is its own transaction, and the queue keeps the rest.
    await this.markingRun;
    await this.ticking;
    // A claim that was in flight when stop began has launched its job by now, already
    // aborted (see launch): its first step hands it back.
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
    if (housekeeping && !(await settlesWithin(housekeeping, graceMs))) {
      this.options.logger.warn({ graceMs }, 'housekeeping still running at shutdown; the next run finishes it');
    }
    if (sweep && !(await settlesWithin(sweep, graceMs))) {
      this.options.logger.warn({ graceMs }, 'blob sweep still running at shutdown; the next one finishes it');
    }
  }

  /** Work was queued on this node: look now rather than at the next poll. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
    this.wakeMarking?.();
  }

  /**
   * The search marking (recycle-bin/search-marks.ts), a batch at a time, yielding to
   * requests between batches; idle, it looks again at each poll or when woken. It takes no
   * job and no job slot, so restores, deletes and clears on the drive never wait for it
   * (its batches take the drive's lock like any write).
   */
  private async marking(): Promise<void> {
    const { settings } = this.ctx;
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await markStep(this.ctx, settings.searchMarkBatchSize);
      } catch (err) {
        this.options.logger.error({ err }, 'search marking failed; it retries at the next poll');
      }
      if (this.stopped) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakeMarking = undefined;
          resolve();
        };
        const timer = setTimeout(done, worked ? 0 : settings.pollIntervalMs);
        this.wakeMarking = done;
      });
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.ticking) return this.schedule(10);
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const limit = this.options.concurrency ?? 2;
    try {
      while (!this.stopped && this.running.size < limit) {
        const { store, clock, settings } = this.ctx;
        const job = await claimNextJob(store.db, store.capabilities, {
          owner: this.nodeId,
          now: clock.now(),
          leaseMs: settings.jobLeaseMs,
          running: [...this.running.keys()],
        });
        if (!job) break;
        this.launch(job);
      }
    } catch (err) {
      this.options.logger.error({ err }, 'claiming a job failed');
    }
    if (!this.stopped) this.schedule(this.ctx.settings.pollIntervalMs);
  }

  private launch(job: Job): void {
    const abort = new AbortController();
    // Claimed while stop() was waiting for the claim: the job must not run unaborted,
    // or stop would wait for the whole job (a purge of millions) instead of one batch.
    if (this.stopped) abort.abort();
    const promise = this.execute(job, abort.signal).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, { promise, abort });
  }

  private async execute(job: Job, signal: AbortSignal): Promise<void> {
    const { logger, handlers } = this.options;
    const handler = handlerOf(handlers, job);
    const run = new JobRun(this.ctx, job, this.nodeId, signal);
    const log = logger.child({ job: job.id, type: job.type, drive: job.driveId });
    log.info({ attempt: job.attempts }, 'job started');
    let state: JobState;
    let error: { code: string; message: string } | undefined;
    try {
      await handler.run(this.ctx, run);
      if (run.isPaused) {
        await this.release(run.job);
        log.info('job handed back at shutdown; it resumes on the next engine to claim it');
        return;
      }
      const { processed, failed } = run.job;
      state = run.isCancelled ? 'cancelled' : failed === 0 ? 'succeeded' : processed > 0 ? 'partially_succeeded' : 'failed';
      error = failed > 0 ? run.lastError : undefined;
    } catch (err) {
      if (err instanceof LeaseLostError) {
        log.warn('lease lost; another node has the job');
        return;
      }
      if (isStoreUnavailable(err)) {
        // Not the job's fault: its last batch rolled back, and it resumes (here or on
        // another node) once the database is back: at once if the lease can be ended now,
        // else when it runs out.
        log.warn({ err }, 'the database went away; the job resumes when it is back');
        await this.release(run.job).catch(() => undefined);
        return;
      }
      log.error({ err }, 'job failed');
      state = 'failed';
      error = { code: 'InternalError', message: 'The job stopped on an internal error; what it finished is kept.' };
    }
    await this.finish(run, state, error).catch((err) => log.error({ err }, 'recording the end of a job failed'));
    await this.drainBlobDeletions();
    log.info({ state, processed: run.job.processed, failed: run.job.failed }, 'job ended');
  }

  /** Ends this node's lease now, so any engine (this one after restart, or another) claims the job. */
  private async release(job: Job): Promise<void> {
    await this.ctx.store.writeDrive(job.driveId, async (w) => {
      const now = this.ctx.clock.now();
      await updateOwnedJob(w, { id: job.id, owner: this.nodeId, now }, { lease_expires_at: now - 1 });
    });
  }

  private async finish(run: JobRun, state: JobState, error?: { code: string; message: string }): Promise<void> {
    const { store, clock } = this.ctx;
    await store.writeDrive(run.job.driveId, async (w) => {
      const now = clock.now();
      const held = await updateOwnedJob(w, { id: run.job.id, owner: this.nodeId, now }, {
        state,
        phase: '',
        finished_at: now,
        lease_owner: null,
        lease_expires_at: null,
        error_code: error?.code ?? null,
        error_message: error?.message ?? null,
      });
      if (!held) return;
      await settleJob(this.options.handlers, w, { job: run.job, state });
      await recordJobEnd(w, now, { job: run.job, state });
    });
  }

  /**
   * Removes from disk the blobs whose entries a committed purge deleted. Rows stay until
   * the file is gone, so a crash in between only repeats an idempotent unlink.
   */
  async drainBlobDeletions(): Promise<void> {
    const { store, blobs } = this.ctx;
    // Stops between rounds at shutdown: the rows stay, and the next start drains them.
    while (!this.stopped) {
      const ids = await pendingBlobDeletions(store.db, 500);
      if (ids.length === 0) return;
      await blobs.deleteMany(ids);
      await forgetBlobDeletions(store.db, ids);
    }
  }

  private async housekeeping(): Promise<void> {
    const { store, clock, settings } = this.ctx;
    const now = clock.now();
    const parts = [
      () => this.options.onRetentionTick?.(),
      () => deleteFinishedJobsBefore(store.db, now - settings.finishedJobTtlMs),
      () => forgetTokensBefore(store.db, now - settings.idempotencyTtlMs),
      () => this.drainBlobDeletions(),
    ];
    for (const part of parts) {
      if (this.stopped) return;
      await part();
    }
  }
}
