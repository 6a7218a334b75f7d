import { countRootsToPurge, drivesWithExpiredItems } from '../../store/repositories/bin.repository.js';
import { activeExclusiveJobs } from '../../store/repositories/jobs.repository.js';
import { getDrive, lockDrive } from '../../store/repositories/drives.repository.js';
import type { Tx } from '../../store/store.js';
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
    const created = await ctx.store.transaction(async (tx) => {
      const drive = await lockDrive(tx, ctx.store.capabilities, driveId);
      if (!drive) return false;
      const active = await activeExclusiveJobs(tx, driveId);
      if (active.some((j) => j.type === 'expire')) return false;
      await enqueueJob(tx, ctx, drive, { userId: drive.ownerId, isAdmin: true }, {
        type: 'expire',
        targetId: null,
        targetName: drive.name,
        params: { reservedDays: drive.reservedDays },
        total: 0,
        policy: 'queue',
      });
      return true;
    });
    if (created) queued++;
  }
  if (queued > 0) ctx.wakeEngine();
  return queued;
}

/** Retention: purges bin items older than the drive's ReservedDays, by the system clock. */
export const expireJob: JobHandler = {
  async run(ctx, run) {
    const cutoffOf = async (tx: Tx) => {
      const drive = await getDrive(tx, run.job.driveId);
      if (!drive || !drive.binEnabled || drive.status !== 'enabled') return null;
      return ctx.clock.now() - drive.reservedDays * 86_400_000;
    };
    await run.step(async (tx) => {
      const cutoff = await cutoffOf(tx);
      const left = cutoff === null ? 0 : await countRootsToPurge(tx, run.job.driveId, cutoff);
      return { phase: 'listing', total: run.job.processed + left };
    });
    await purgeBinItems(ctx, run, cutoffOf);
  },
};
