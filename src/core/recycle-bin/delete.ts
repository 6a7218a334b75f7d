import { getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { queueMarking } from '../../store/repositories/search-marks.repository.js';
import { activeJobs, getJob } from '../../store/repositories/jobs.repository.js';
import type { DriveTx } from '../../store/store.js';
import { entryNotFound, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, rootRefused } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { ROOT_ID } from '../ids.js';
import { type ConflictPolicy, enqueueJob, refuseIfTargetBusy } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import { locate, pathOf } from '../tree/locate.js';
import { recordAudit } from '../audit/record.js';
import type { Actor, Entry, Job } from '../types.js';
import { makeTrashRoot } from './make-trash-root.js';
import { purgeBinItems, purgeSubtree } from './purge-loops.js';
import { lockBypass, refuseIfHeld } from './retention-lock.js';

export interface DeleteInput {
  driveId: string;
  fileId: string;
  clientToken?: string;
  policy: ConflictPolicy;
  /** NAS deletes only what is in the bin; PDS DeleteFile also takes live entries. */
  binOnly: boolean;
  /** An admin's explicit bypass of a governance retention lock (retention-lock.ts). */
  bypassLock?: boolean;
}

/** A queued restore holds the item: it was asked first, so it wins. */
const restorePending = (fileId: string, jobId: number): DomainError =>
  new DomainError('JobConflict', `entry ${fileId} is being restored by job (${jobId}); it cannot be deleted until that job ends`, {
    id: fileId,
    jobId: String(jobId),
  });

/**
 * Permanently deletes an entry and its subtree, as a job. The entry leaves every listing
 * (live and bin) in this transaction; the job then purges it in batches. If the job is
 * cancelled or fails, what is left comes back as a bin item, restorable.
 */
export async function deleteEntry(ctx: CoreContext, actor: Actor, input: DeleteInput): Promise<Job> {
  const { clientToken, fileId } = input;
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    const now = ctx.clock.now();
    const key = { actor, token: clientToken, scope: 'delete', params: { driveId: w.drive.id, fileId, bypassLock: input.bypassLock || undefined }, now };
    const jobId = await idempotent(w, key, async () => {
      const active = await activeJobs(w.tx, w.drive.id);
      if (input.policy === 'refuse') refuseIfTargetBusy(active, fileId);
      const where = await locate(w.tx, w.drive, fileId);
      const allowed = where.state === 'binned' || (where.state === 'live' && !input.binOnly);
      if (!allowed) throw entryNotFound(fileId);
      if (fileId === ROOT_ID) throw rootRefused('deleted');
      const item = where.chain[0]!;
      if (item.restoreJobId !== null) throw restorePending(fileId, item.restoreJobId);
      // A bin item (or an entry inside one) is kept as long as the drive's lock says; a
      // live entry never was in the bin, and goes at once.
      const bypassLock = lockBypass(actor, w.drive, input.bypassLock);
      const binRoot = where.state === 'binned' ? where.root : undefined;
      if (binRoot) refuseIfHeld(w.drive, { id: binRoot.id, trashedAt: binRoot.trashedAt! }, { now, bypassed: bypassLock });
      const entry = (await getEntry(w.tx, w.drive.id, fileId))!;
      const created = await enqueueJob(ctx, w, {
        type: 'delete',
        actor,
        targetId: fileId,
        targetName: item.name,
        params: bypassLock ? { bypassLock } : {},
        total: entry.treeCount,
        policy: input.policy,
        active,
      });
      await recordAudit(w.tx, {
        at: now,
        actor,
        action: 'delete',
        outcome: 'accepted',
        driveId: w.drive.id,
        itemId: fileId,
        name: item.name,
        path: entry.origPath ?? pathOf(where.chain),
        bytes: entry.treeBytes,
        jobId: created.id,
        // A governance lock set aside by an admin is said so in the trail (issue 14 item 5).
        ...(bypassLock && { detail: 'retention lock bypassed' }),
      });
      if (item.trashedAt === null) await makeTrashRoot(w, { chain: where.chain, actor, now, purgeJobId: created.id });
      else await updateEntry(w, fileId, { purge_job_id: created.id });
      return created.id;
    });
    return (await getJob(w.tx, jobId))!;
  });
  ctx.wakeEngine();
  return job;
}

/**
 * What is left of an item a purge job took and did not finish is a bin item again: it
 * shows in the bin, and its search marking, skipped or dropped while the job held it
 * (search-marks.ts), is queued.
 */
export async function backToBin(w: DriveTx, entry: Entry): Promise<void> {
  await updateEntry(w, entry.id, { purge_job_id: null });
  if (entry.type === 'folder' && entry.trashedAt !== null) await queueMarking(w, entry.id);
}

export const deleteJob: JobHandler<'delete'> = {
  async run(ctx, run) {
    await run.step(async () => ({ phase: 'listing' }));
    if (run.job.params.wholeDrive) {
      // Drive deletion: the live tree, then every bin item.
      // What is left plus what is done: right on the first run and after a restart alike.
      await run.step(async (w) => ({ total: run.job.processed + ((await getEntry(w.tx, w.driveId, ROOT_ID))?.treeCount ?? 0) }));
      if (!(await purgeSubtree(ctx, run, ROOT_ID))) return;
      await purgeBinItems(ctx, run, async () => Number.MAX_SAFE_INTEGER);
      return;
    }
    await purgeSubtree(ctx, run, run.job.targetId!);
  },
  async settle(w, job, state) {
    // Cancelled or failed: what is left of the item goes back to the bin.
    if ((state === 'cancelled' || state === 'failed') && job.targetId) {
      const entry = await getEntry(w.tx, w.driveId, job.targetId);
      if (entry?.purgeJobId === job.id) await backToBin(w, entry);
    }
  },
};
