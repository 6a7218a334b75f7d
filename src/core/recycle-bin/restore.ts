import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { type ChainLink, addToTree, ancestorChain, getEntry, OUT_OF_THE_BIN, updateEntry } from '../../store/repositories/entries.repository.js';
import { reopenMarks } from '../../store/repositories/search-marks.repository.js';
import { activeJobs, getJob, updateJobInState } from '../../store/repositories/jobs.repository.js';
import { driveNotFound, entryNotFound, type OpenDriveTx, requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { isDomainError } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { freeName } from '../entries/free-name.js';
import { type ConflictPolicy, enqueueJob, refuseIfTargetBusy } from '../jobs/enqueue.js';
import type { JobHandler } from '../jobs/handler.js';
import { restoredTag } from '../names.js';
import { chainIds, type Location, locate, locateChain, pathOf } from '../tree/locate.js';
import { recordAudit } from '../audit/record.js';
import type { Actor, Entry, Job, JobParamsByType } from '../types.js';
import { makeTrashRoot } from './make-trash-root.js';
import { originalDestination } from './restore-destination.js';

export interface RestoreInput {
  driveId: string;
  fileId: string;
  /** A live folder to restore into (NAS names one); absent: the original place (PDS). */
  targetId?: string;
  clientToken?: string;
  policy: ConflictPolicy;
}

export interface RestoreResult {
  job: Job;
  /** The restored entry, when the restore ran at once (it does unless a job is ahead). */
  entry?: Entry;
}

type Binned = Extract<Location, { state: 'binned' }>;

/**
 * Restores a bin item (and so its subtree) as a job. The work is O(depth), so when no
 * other job holds the drive it is done in this very transaction and the job is recorded
 * as succeeded. Otherwise the job waits its turn (PDS) or is refused (NAS); a waiting
 * restore claims its item at once, so nothing asked for later (an emptying of the bin,
 * a permanent delete, retention) can take it away first.
 */
export async function restoreEntry(ctx: CoreContext, actor: Actor, input: RestoreInput): Promise<RestoreResult> {
  const { clientToken, fileId } = input;
  const targetId = input.targetId ?? null;
  /** Restored by this call, not queued nor an idempotent replay: counted once committed. */
  let restoredNow = false;
  const result = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const now = ctx.clock.now();
    const key = { actor, token: clientToken, scope: 'restore', params: { driveId: w.drive.id, fileId, targetId }, now };
    const jobId = await idempotent(w, key, async () => {
      const active = await activeJobs(w.tx, w.drive.id);
      if (input.policy === 'refuse') refuseIfTargetBusy(active, fileId);
      const where = await locate(w.tx, w.drive, fileId);
      if (where.state !== 'binned') throw entryNotFound(fileId);
      const target = targetId === null ? null : (await requireLiveFolder(w.tx, { drive: w.drive, id: targetId, field: 'targetId' })).chain;
      const job = await enqueueJob(ctx, w, {
        type: 'restore',
        actor,
        targetId: fileId,
        targetName: where.chain[0]!.name,
        params: { targetId },
        total: 1,
        policy: input.policy,
        active,
      });
      const asked = { action: 'restore', driveId: w.drive.id, itemId: fileId, name: where.chain[0]!.name, path: pathOf(where.chain), jobId: job.id } as const;
      if (active.length > 0) {
        await claimForRestore(w, { where, jobId: job.id, actor, now });
        const bytes = (await getEntry(w.tx, w.drive.id, fileId))?.treeBytes;
        await recordAudit(w.tx, { at: now, actor, ...asked, bytes, outcome: 'accepted' });
        return job.id;
      }
      const restored = await applyRestore(ctx, w, { where, target, actor });
      restoredNow = true;
      await recordAudit(w.tx, { at: now, actor, ...asked, bytes: restored.treeBytes, outcome: 'succeeded', detail: `to ${restored.name}` });
      await updateJobInState(w, { id: job.id, states: ['queued'], now }, {
        state: 'succeeded',
        processed: 1,
        finished_at: now,
        params: JSON.stringify(restoredParams(targetId, restored)),
      });
      return job.id;
    });
    const job = (await getJob(w.tx, jobId))!;
    const entry = job.state === 'succeeded' ? await getEntry(w.tx, w.drive.id, fileId) : undefined;
    return { job, entry };
  });
  if (result.job.state === 'queued') ctx.wakeEngine();
  if (restoredNow) ctx.observer?.jobItemsProcessed('restore', 1);
  return result;
}

const restoredParams = (targetId: string | null, restored: Entry): JobParamsByType['restore'] => ({
  targetId,
  restoredId: restored.id,
  restoredName: restored.name,
  restoredParentId: restored.parentId,
});

/**
 * A queued restore takes its item: one inside a bin folder becomes a bin item of its own
 * (so purging the folder leaves it), and the item is marked with the job, which clears,
 * expiries and permanent deletes asked for later respect.
 */
async function claimForRestore(w: OpenDriveTx, claim: { where: Binned; jobId: number; actor: Actor; now: number }): Promise<void> {
  const { where, jobId } = claim;
  const item = where.chain[0]!;
  if (item.trashedAt === null) {
    await makeTrashRoot(w, { chain: where.chain, actor: claim.actor, now: claim.now, restoreJobId: jobId });
  } else {
    await updateEntry(w, item.id, { restore_job_id: jobId });
  }
}

export interface ApplyRestoreInput {
  /** Where the item is: in the bin, its ancestor chain read in this transaction. */
  where: Binned;
  /** The live chain of the folder to restore into; null for the original place. */
  target: ChainLink[] | null;
  actor: Actor;
}

/**
 * Brings the entry and its subtree back: into the target, or to its original place. A
 * live sibling with the same name is never overwritten or merged; the restored entry
 * takes `name (restored).ext`, `name (restored 2).ext`, ... Only the ancestor chains are
 * touched, never the subtree.
 */
export async function applyRestore(ctx: CoreContext, w: OpenDriveTx, input: ApplyRestoreInput): Promise<Entry> {
  const { where, actor } = input;
  const now = ctx.clock.now();
  // An item inside a bin folder is first made a bin item of its own.
  const item =
    where.chain[0]!.trashedAt === null
      ? await makeTrashRoot(w, { chain: where.chain, actor, now })
      : (await getEntry(w.tx, w.drive.id, where.chain[0]!.id))!;
  const destChain = input.target ?? (await originalDestination(w, item.parentId, { actor, now }));
  const destId = destChain[0]!.id;
  const name = await freeName(w.tx, { driveId: w.drive.id, parentId: destId, name: item.name, type: item.type, tag: restoredTag });
  await updateEntry(w, item.id, {
    parent_id: destId,
    name,
    ...OUT_OF_THE_BIN,
    changed_at: now,
    // Restoring is a change someone made: they are its last modifier now.
    modified_by: actor.userId,
  });
  // Marks below any trash root on the way may now cover live rows: search stops trusting
  // them at once, and the search marking clears them (see search-marks.ts).
  // A file has nothing below it: clearing its own mark was enough.
  if (item.type === 'folder') {
    const roots = where.chain.filter((l) => l.trashedAt !== null).map((l) => l.id);
    await reopenMarks(w, roots.includes(item.id) ? roots : [item.id, ...roots]);
  }
  await addToTree(w, chainIds(destChain), { bytes: item.treeBytes, count: item.treeCount });
  await adjustDriveBytes(w, { used: 0, bin: -item.treeBytes });
  return { ...item, parentId: destId, name, trashedAt: null, trashedBy: null, origParentId: null, origPath: null, purgeJobId: null, restoreJobId: null, deletionEventId: null, changedAt: now, modifiedBy: actor.userId };
}

/** A queued restore, run by the engine once the drive is free. */
export const restoreJob: JobHandler<'restore'> = {
  async run(ctx, run) {
    await run.step(async (w) => {
      const { job } = run;
      const actor = { userId: job.createdBy, isAdmin: true };
      try {
        if (!w.drive || w.drive.status !== 'enabled') throw driveNotFound(w.driveId);
        const open = w as OpenDriveTx;
        const where = locateChain(open.drive, await ancestorChain(w.tx, w.driveId, job.targetId!));
        if (where.state !== 'binned') throw entryNotFound(job.targetId!);
        const targetId = job.params.targetId;
        const target = targetId === null ? null : (await requireLiveFolder(w.tx, { drive: open.drive, id: targetId, field: 'targetId' })).chain;
        const restored = await applyRestore(ctx, open, { where, target, actor });
        return { processed: 1, phase: 'applying', params: restoredParams(targetId, restored) };
      } catch (err) {
        // The item left the bin, or the target folder went away, while the job waited.
        if (!isDomainError(err)) throw err;
        const item = await getEntry(w.tx, w.driveId, job.targetId!);
        return { phase: 'applying', failures: [{ itemId: job.targetId!, path: item?.origPath ?? '', code: err.code, message: err.message }] };
      }
    });
  },
  async settle(w, job) {
    // Whatever the outcome, the claim ends with the job (a restored item has none left).
    const entry = job.targetId === null ? undefined : await getEntry(w.tx, w.driveId, job.targetId);
    if (entry?.restoreJobId === job.id) await updateEntry(w, entry.id, { restore_job_id: null });
  },
};
