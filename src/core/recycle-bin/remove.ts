import { getEntry } from '../../store/repositories/entries.repository.js';
import { activeJobs } from '../../store/repositories/jobs.repository.js';
import { type OpenDriveTx, requireLive, roleOn, writeVisibleDrive } from '../access.js';
import { recordAudit } from '../audit/record.js';
import type { CoreContext } from '../context.js';
import { rootRefused } from '../errors.js';
import { isScratchName } from '../entries/scratch-names.js';
import { newDeletionEventId, ROOT_ID } from '../ids.js';
import { enqueueJob } from '../jobs/enqueue.js';
import type { ChainLink } from '../../store/repositories/entries.repository.js';
import { pathOf } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { makeTrashRoot } from './make-trash-root.js';
import { binDisabled } from './trash.js';

/** What became of a removed entry: in the bin, or being purged by job `jobId`. */
export type Removal = { entry: Entry; purged: false } | { entry: Entry; purged: true; jobId: number };

/**
 * A delete as a mounted drive makes it (WebDAV DELETE, or the old file of an overwrite):
 * the entry goes to the bin, O(depth) whatever it holds. Two exceptions: a scratch file
 * (scratch-names.ts) is purged for good by a delete job, at the editor role that created
 * it; and on a drive whose bin is disabled, only the owner may delete, and it is a purge.
 */
export async function removeEntry(ctx: CoreContext, actor: Actor, input: { driveId: string; fileId: string }): Promise<Removal> {
  const removal = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const where = await requireLive(w.tx, { drive: w.drive, id: input.fileId, field: 'fileId' });
    return removeInTx(ctx, w, { chain: where.chain, actor });
  });
  if (removal.purged) ctx.wakeEngine();
  return removal;
}

/** The removal itself, in the caller's drive transaction; the caller wakes the engine after a purge. */
export async function removeInTx(ctx: CoreContext, w: OpenDriveTx, input: { chain: ChainLink[]; actor: Actor }): Promise<Removal> {
  const { chain, actor } = input;
  const id = chain[0]!.id;
  if (id === ROOT_ID) throw rootRefused('deleted');
  const entry = (await getEntry(w.tx, w.drive.id, id))!;
  const now = ctx.clock.now();
  const scratch = entry.type === 'file' && isScratchName(ctx, entry.name);
  if (!scratch && w.drive.binEnabled) {
    const root = await makeTrashRoot(w, { chain, actor, now, deletionEventId: newDeletionEventId() });
    await recordAudit(w.tx, {
      at: now, actor, action: 'trash', outcome: 'succeeded', driveId: w.drive.id,
      itemId: root.id, name: root.name, path: root.origPath, bytes: root.treeBytes,
    });
    return { entry: root, purged: false };
  }
  if (!scratch) {
    // No bin to put it in: a permanent delete, which takes the owner (as PDS DeleteFile does).
    if ((await roleOn(w.tx, actor, w.drive)) !== 'owner') throw binDisabled(w.drive.id);
  }
  const job = await enqueueJob(ctx, w, {
    type: 'delete',
    actor,
    targetId: id,
    targetName: entry.name,
    params: {},
    total: entry.treeCount,
    policy: 'queue',
    active: await activeJobs(w.tx, w.drive.id),
  });
  await recordAudit(w.tx, {
    at: now, actor, action: 'delete', outcome: 'accepted', driveId: w.drive.id, itemId: id, name: entry.name,
    path: pathOf(chain), bytes: entry.treeBytes, jobId: job.id, ...(scratch && { detail: 'scratch file' }),
  });
  const root = await makeTrashRoot(w, { chain, actor, now, purgeJobId: job.id });
  return { entry: root, purged: true, jobId: job.id };
}
