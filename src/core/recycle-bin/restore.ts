import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, ancestorChain, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { activeExclusiveJobs, getJob, updateJobInState } from '../../store/repositories/jobs.repository.js';
import type { Tx } from '../../store/store.js';
import { entryNotFound, requireDrive, requireLiveFolder } from '../access.js';
import type { CoreContext } from '../context.js';
import { isDomainError } from '../errors.js';
import { checkClientToken, idempotent } from '../idempotency.js';
import { checkId } from '../ids.js';
import { freeName } from '../entries/free-name.js';
import { type ConflictPolicy, enqueueJob, refuseIfTargetBusy } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import { restoredTag } from '../names.js';
import { chainIds, locate, locateChain } from '../tree/locate.js';
import type { Actor, Drive, Entry, Job } from '../types.js';
import { makeTrashRoot } from './make-trash-root.js';
import { originalDestination } from './restore-destination.js';

export interface RestoreInput {
  driveId: unknown;
  fileId: unknown;
  /** NAS TargetFileId: a live folder to restore into. PDS leaves it out: original place. */
  targetId?: unknown;
  clientToken?: unknown;
  policy: ConflictPolicy;
}

export interface RestoreResult {
  job: Job;
  /** The restored entry, when the restore ran at once (it does unless a job is ahead). */
  entry?: Entry;
}

/**
 * Restores a bin item (and so its subtree) as a job. The work is O(depth), so when no
 * other restore/delete/clear job holds the drive it is done in this very transaction and
 * the job is recorded as succeeded; otherwise the job waits its turn (PDS) or is refused
 * (NAS).
 */
export async function restoreEntry(ctx: CoreContext, actor: Actor, input: RestoreInput): Promise<RestoreResult> {
  const clientToken = checkClientToken(input.clientToken);
  const fileId = checkId(input.fileId, 'file_id');
  const targetId = input.targetId === undefined ? undefined : checkId(input.targetId, 'target_file_id');
  const result = await ctx.store.transaction(async (tx) => {
    const drive = await requireDrive(tx, actor, input.driveId, ctx.store.capabilities);
    const now = ctx.clock.now();
    const params = { driveId: drive.id, fileId, targetId: targetId ?? null };
    const jobId = await idempotent(tx, ctx.store.capabilities, actor, clientToken, 'restore', params, now, async () => {
      if (input.policy === 'refuse') await refuseIfTargetBusy(tx, drive.id, fileId);
      const item = await requireInBin(tx, drive, fileId);
      if (targetId !== undefined) await requireLiveFolder(tx, drive, targetId, 'target_file_id');
      const ahead = await activeExclusiveJobs(tx, drive.id);
      const job = await enqueueJob(tx, ctx, drive, actor, {
        type: 'restore',
        targetId: fileId,
        targetName: item.name,
        params: { targetId: targetId ?? null },
        total: 1,
        policy: input.policy,
      });
      if (ahead.length === 0) {
        const restored = await applyRestore(tx, ctx, drive, fileId, targetId ?? null, actor);
        await updateJobInState(tx, job.id, ['queued'], now, {
          state: 'succeeded',
          processed: 1,
          finished_at: now,
          params: JSON.stringify({ targetId: targetId ?? null, restoredId: restored.id, restoredName: restored.name, restoredParentId: restored.parentId }),
        });
      }
      return job.id;
    });
    const job = (await getJob(tx, jobId))!;
    const entry = job.state === 'succeeded' ? await getEntry(tx, drive.id, fileId) : undefined;
    return { job, entry };
  });
  if (result.job.state === 'queued') ctx.wakeEngine();
  return result;
}

/** The entry, if it is in the bin (a bin item, or inside a folder that is). */
async function requireInBin(tx: Tx, drive: Drive, fileId: string): Promise<Entry> {
  const where = await locate(tx, drive, fileId);
  if (where.state !== 'binned') throw entryNotFound(fileId);
  return (await getEntry(tx, drive.id, fileId))!;
}

/**
 * Brings the entry and its subtree back: into `targetId`, or to its original place. A
 * live sibling with the same name is never overwritten or merged; the restored entry
 * takes `name (restored).ext`, `name (restored 2).ext`, ... Only the ancestor chains are
 * touched, never the subtree.
 */
export async function applyRestore(
  tx: Tx,
  ctx: CoreContext,
  drive: Drive,
  fileId: string,
  targetId: string | null,
  actor: Actor,
): Promise<Entry> {
  const now = ctx.clock.now();
  const where = locateChain(drive, await ancestorChain(tx, drive.id, fileId));
  if (where.state !== 'binned') throw entryNotFound(fileId);
  // An item inside a bin folder is first made a bin item of its own.
  let item = (await getEntry(tx, drive.id, fileId))!;
  if (item.trashedAt === null) item = await makeTrashRoot(tx, drive, where.chain, actor, now);

  const destChain =
    targetId !== null
      ? (await requireLiveFolder(tx, drive, targetId, 'target_file_id')).chain
      : await originalDestination(tx, drive, item.parentId, actor, now);
  const destId = destChain[0]!.id;
  const name = await freeName(tx, drive.id, destId, item.name, item.type, restoredTag);
  await updateEntry(tx, drive.id, item.id, {
    parent_id: destId,
    name,
    trashed_at: null,
    trashed_by: null,
    orig_parent_id: null,
    orig_path: null,
    purge_job_id: null,
    changed_at: now,
  });
  await addToTree(tx, drive.id, chainIds(destChain), item.treeBytes, item.treeCount);
  await adjustDriveBytes(tx, drive.id, 0, -item.treeBytes);
  return (await getEntry(tx, drive.id, item.id))!;
}

/** A queued restore, run by the engine once the drive is free. */
export const restoreJob: JobHandler = {
  async run(ctx, run) {
    await run.step(async (tx) => {
      const job = run.job;
      const actor = { userId: job.createdBy, isAdmin: true };
      const targetId = (job.params.targetId as string | null) ?? null;
      try {
        const drive = await requireDrive(tx, actor, job.driveId);
        const restored = await applyRestore(tx, ctx, drive, job.targetId!, targetId, actor);
        const params = { ...job.params, restoredId: restored.id, restoredName: restored.name, restoredParentId: restored.parentId };
        return { processed: 1, phase: 'applying', params };
      } catch (err) {
        // The item left the bin, or the target folder went away, while the job waited.
        if (!isDomainError(err)) throw err;
        return { failed: 1, phase: 'applying', error: { code: err.code, message: err.message } };
      }
    });
  },
};
