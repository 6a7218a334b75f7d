import { getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { getJob } from '../../store/repositories/jobs.repository.js';
import { entryNotFound, requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { checkClientToken, idempotent } from '../idempotency.js';
import { checkId, ROOT_ID } from '../ids.js';
import { type ConflictPolicy, enqueueJob, refuseIfTargetBusy } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import { locate } from '../tree/locate.js';
import type { Actor, Job } from '../types.js';
import { makeTrashRoot } from './make-trash-root.js';
import { purgeBinItems, purgeSubtree } from './purge-loops.js';

export interface DeleteInput {
  driveId: unknown;
  fileId: unknown;
  clientToken?: unknown;
  policy: ConflictPolicy;
  /** NAS deletes only what is in the bin; PDS DeleteFile also takes live entries. */
  binOnly: boolean;
}

/**
 * Permanently deletes an entry and its subtree, as a job. The entry leaves every listing
 * (live and bin) in this transaction; the job then purges it in batches. If the job is
 * cancelled or fails, what is left comes back as a bin item, restorable.
 */
export async function deleteEntry(ctx: CoreContext, actor: Actor, input: DeleteInput): Promise<Job> {
  const clientToken = checkClientToken(input.clientToken);
  const fileId = checkId(input.fileId, 'file_id');
  const job = await ctx.store.transaction(async (tx) => {
    const drive = await requireDrive(tx, actor, input.driveId, ctx.store.capabilities);
    const now = ctx.clock.now();
    const jobId = await idempotent(tx, ctx.store.capabilities, actor, clientToken, 'delete', { driveId: drive.id, fileId }, now, async () => {
      if (input.policy === 'refuse') await refuseIfTargetBusy(tx, drive.id, fileId);
      const where = await locate(tx, drive, fileId);
      const allowed = where.state === 'binned' || (where.state === 'live' && !input.binOnly);
      if (!allowed) throw entryNotFound(fileId);
      if (fileId === ROOT_ID) {
        throw new DomainError('InvalidMove', 'The root folder cannot be deleted.', { param: 'file_id' });
      }
      const entry = (await getEntry(tx, drive.id, fileId))!;
      const created = await enqueueJob(tx, ctx, drive, actor, {
        type: 'delete',
        targetId: fileId,
        targetName: entry.name,
        params: {},
        total: entry.treeCount,
        policy: input.policy,
      });
      if (entry.trashedAt === null) await makeTrashRoot(tx, drive, where.chain, actor, now, created.id);
      else await updateEntry(tx, drive.id, fileId, { purge_job_id: created.id });
      return created.id;
    });
    return (await getJob(tx, jobId))!;
  });
  ctx.wakeEngine();
  return job;
}

export const deleteJob: JobHandler = {
  async run(ctx, run) {
    await run.step(async () => ({ phase: 'listing' }));
    if (run.job.params.wholeDrive) {
      // Drive deletion: the live tree, then every bin item.
      // What is left plus what is done: right on the first run and after a restart alike.
      await run.step(async (tx) => ({ total: run.job.processed + ((await getEntry(tx, run.job.driveId, ROOT_ID))?.treeCount ?? 0) }));
      if (!(await purgeSubtree(ctx, run, ROOT_ID))) return;
      await purgeBinItems(ctx, run, async () => Number.MAX_SAFE_INTEGER);
      return;
    }
    await purgeSubtree(ctx, run, run.job.targetId!);
  },
  async settle(tx, job, state) {
    // Cancelled or failed: what is left of the item goes back to the bin.
    if (state === 'cancelled' || state === 'failed') {
      if (job.targetId) {
        const entry = await getEntry(tx, job.driveId, job.targetId);
        if (entry?.purgeJobId === job.id) await updateEntry(tx, job.driveId, job.targetId, { purge_job_id: null });
      }
    }
  },
};
