import type fc from 'fast-check';
import { expect } from 'vitest';
import type { Job } from '../../../../src/core/types.js';
import { type Pick, pickBig, pickId } from '../pick.js';
import { type RealDrive, waitIdle } from '../real-drive.js';
import { type PurgeScope, reconcileCancelled } from '../reconcile.js';
import type { TreeModel } from '../reference-model.js';
import { finishRestore, startRestore } from './restore-step.js';
import { settle } from './settle.js';
import { startDelete } from './delete-step.js';

/** When to cancel: after a few ms (0: at once), once the job runs, or once it purged something. */
export type CancelTiming = { afterMs: number } | 'when-running' | 'after-progress';

/** How cancels landed, printed after the suite: a cancel that never hits a running job tests little. */
export const cancelStats = { queued: 0, midway: 0, cancelledAfterAll: 0, finishedFirst: 0 };

/**
 * Starts a delete or a clear, cancels it, and reconciles: the job may have been cancelled
 * while queued, midway, or may have finished first (then the cancel is refused naming the
 * state). Optionally restores what is left, to show it is restorable.
 */
export class CancelCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly kind: 'delete' | 'clear',
    readonly target: Pick,
    readonly timing: CancelTiming,
    readonly thenRestore: boolean,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const { job, scope } = await this.start(model, real);
    if (!job) return settle(model, real);
    await this.cancelSoon(real, job);
    await waitIdle(real);
    const final = await real.salvage.jobs.get(real.me, String(job.id));
    if (process.env.MODEL_DEBUG) console.log('cancel', this.kind, JSON.stringify(this.timing), scope.purged.length, final.state, final.processed);
    expect(['succeeded', 'cancelled'], `job ${job.id} ends ${final.state}`).toContain(final.state);
    expect(final.failed).toBe(0);
    if (final.state === 'succeeded') {
      expect(final.processed).toBe(scope.purged.length);
      cancelStats.finishedFirst++;
    } else {
      cancelStats[final.processed === 0 ? 'queued' : final.processed === scope.purged.length ? 'cancelledAfterAll' : 'midway']++;
    }
    await reconcileCancelled(model, real, scope, final);
    await settle(model, real);
    if (this.thenRestore) {
      const left = scope.roots.find((id) => model.where(id) === 'binned');
      if (left) {
        await finishRestore(model, real, await startRestore(real, left));
        await settle(model, real);
      }
    }
  }

  private async start(model: TreeModel, real: RealDrive): Promise<{ job?: Job; scope: PurgeScope }> {
    if (this.kind === 'clear') {
      // Under a lock a clear purges nothing (ClearCommand judges that): nothing to cancel midway.
      if (model.lock) return { scope: { purged: [], roots: [], nestedRoots: [] } };
      const roots = model.binRoots().map((e) => e.id);
      const scope = { purged: model.idsWhere('binned'), roots, nestedRoots: [] };
      return { job: await real.salvage.bin.clear(real.me, { driveId: real.driveId, policy: 'queue' }), scope };
    }
    // Mostly a big subtree, so the cancel can land midway; sometimes any target.
    const id = this.target.pool === 'any' ? pickId(model, this.target) : pickBig(model, this.target.n);
    const job = await startDelete(model, real, id);
    if (!job) return { scope: { purged: [], roots: [], nestedRoots: [] } };
    return { job, scope: { ...model.purgeSet(id), roots: [id] } };
  }

  private async cancelSoon(real: RealDrive, job: Job): Promise<void> {
    if (this.timing === 'when-running' || this.timing === 'after-progress') {
      const progressed = (j: Job) => j.state !== 'queued' && (this.timing === 'when-running' || j.processed > 0 || j.state !== 'running');
      for (let i = 0; i < 2000; i++) {
        if (progressed(await real.salvage.jobs.get(real.me, String(job.id)))) break;
        await new Promise((r) => setImmediate(r));
      }
    } else if (this.timing.afterMs > 0) {
      await new Promise((r) => setTimeout(r, (this.timing as { afterMs: number }).afterMs));
    }
    try {
      const after = await real.salvage.jobs.cancel(real.me, String(job.id));
      expect(after.state === 'cancelled' || (after.state === 'running' && after.cancelRequested), `cancel answer ${after.state}`).toBe(true);
    } catch (err) {
      // Finished first: refused, naming the state.
      const e = err as Error & { code?: string; details?: { state?: string } };
      expect(e.code, e.message).toBe('JobNotCancellable');
      const state = (await real.salvage.jobs.get(real.me, String(job.id))).state;
      expect(e.message).toContain(state);
      expect(e.details?.state).toBe(state);
    }
  }

  toString(): string {
    return `cancel ${this.kind} ${this.kind === 'delete' ? JSON.stringify(this.target) : ''} timing=${JSON.stringify(this.timing)} thenRestore=${this.thenRestore}`;
  }
}
