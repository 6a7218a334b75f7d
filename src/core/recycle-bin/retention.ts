import { countRootsToPurge, drivesWithExpiredItems } from '../../store/repositories/bin.repository.js';
import { activeJobs } from '../../store/repositories/jobs.repository.js';
import type { Drive } from '../types.js';
import type { CoreContext } from '../context.js';
import { enqueueJob } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import { purgeBinItems } from './purge-loops.js';

/**
 * Queues an expire job for every drive with bin items past retention, unless one is
 * queued or running already. Runs on every node's retention clock; the drive lock and the
 * check make the nodes agree on one job per drive.
 */
export async function queueExpiryJobs(ctx: CoreContext): Promise<number> {
  const driveIds = await drivesWithExpiredItems(ctx.store.db, ctx.clock.now());
  let queued = 0;
  for (const driveId of driveIds) {
    const created = await ctx.store.writeDrive(driveId, async (w) => {
      const { drive } = w;
      if (!drive) return false;
      const active = await activeJobs(w.tx, driveId);
      if (active.some((j) => j.type === 'expire')) return false;
      await enqueueJob(ctx, w, {
        type: 'expire',
        actor: { userId: drive.ownerId, isAdmin: true },
        targetId: null,
        targetName: drive.name,
        params: { reservedDays: drive.reservedDays },
        total: 0,
        policy: 'queue',
        active,
      });
      return true;
    });
    if (created) queued++;
  }
  if (queued > 0) ctx.wakeEngine();
  return queued;
}

/** Items trashed at or before this have outlived the drive's retention; null: none expire. */
const expiryCutoff = (ctx: CoreContext, drive: Drive | undefined): number | null =>
  !drive || !drive.binEnabled || drive.status !== 'enabled' ? null : ctx.clock.now() - drive.reservedDays * 86_400_000;

/** Retention: purges bin items older than the drive's ReservedDays, by the system clock. */
export const expireJob: JobHandler<'expire'> = {
  async run(ctx, run) {
    await run.step(async (w) => {
      const cutoff = expiryCutoff(ctx, w.drive);
      const left = cutoff === null ? 0 : await countRootsToPurge(w.tx, w.driveId, cutoff);
      return { phase: 'listing', total: run.job.processed + left };
    });
    // The drive's retention is read again at every item, so a change applies at once.
    await purgeBinItems(ctx, run, async (w) => expiryCutoff(ctx, w.drive));
  },
};
