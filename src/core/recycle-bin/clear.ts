import { updateDrive } from '../../store/repositories/drives.repository.js';
import { getJob } from '../../store/repositories/jobs.repository.js';
import type { Tx } from '../../store/store.js';
import { requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkClientToken, idempotent } from '../idempotency.js';
import { type ConflictPolicy, enqueueJob } from '../jobs/enqueue.js';
import type { Actor, Drive, Job } from '../types.js';

/**
 * Queues a `clear` job for everything in the bin now. The bin looks empty from this
 * commit on (items up to now are hidden by one drive field, not by touching each item),
 * and the job purges them in the background.
 */
export async function enqueueClear(tx: Tx, ctx: CoreContext, drive: Drive, actor: Actor, policy: ConflictPolicy): Promise<Job> {
  const cutoff = ctx.clock.now();
  const job = await enqueueJob(tx, ctx, drive, actor, {
    type: 'clear',
    targetId: null,
    targetName: drive.name,
    params: { cutoff },
    total: 0,
    policy,
  });
  await updateDrive(tx, drive.id, { bin_hidden_before: cutoff, updated_at: cutoff });
  return job;
}

/** PDS ClearRecyclebin: empties the bin of one drive as one job. */
export async function clearBin(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: unknown; clientToken?: unknown; policy: ConflictPolicy },
): Promise<Job> {
  const clientToken = checkClientToken(input.clientToken);
  const job = await ctx.store.transaction(async (tx) => {
    const drive = await requireDrive(tx, actor, input.driveId, ctx.store.capabilities);
    const id = await idempotent(tx, ctx.store.capabilities, actor, clientToken, 'clear', { driveId: drive.id }, ctx.clock.now(), async () => {
      return (await enqueueClear(tx, ctx, drive, actor, input.policy)).id;
    });
    return (await getJob(tx, id))!;
  });
  ctx.wakeEngine();
  return job;
}
