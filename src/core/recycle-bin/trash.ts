import { requireLive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, rootRefused } from '../errors.js';
import { newDeletionEventId, ROOT_ID } from '../ids.js';
import { recordAudit } from '../audit/record.js';
import type { Actor, Entry } from '../types.js';
import { makeTrashRoot } from './make-trash-root.js';

export const binDisabled = (driveId: string): DomainError =>
  new DomainError('BinDisabled', `the recycle bin of drive ${driveId} is disabled`, { id: driveId });

/**
 * Moves a live file or folder to the bin. From the commit on, it and everything under it
 * are gone from listing, search, path lookup and download, for a folder of one entry or a
 * million: the subtree is hidden by its root's mark, not by touching it. No job is needed,
 * so there is no task id to report.
 */
export async function trashEntry(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; fileId: string; deletionEventId?: string },
): Promise<{ entry: Entry; asyncTaskId: string }> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    if (!w.drive.binEnabled) throw binDisabled(w.drive.id);
    const where = await requireLive(w.tx, { drive: w.drive, id: input.fileId, field: 'fileId' });
    if (where.chain[0]!.id === ROOT_ID) throw rootRefused('moved to the recycle bin');
    const now = ctx.clock.now();
    // A call that trashes several items passes one event for all; a lone trash is its own.
    const deletionEventId = input.deletionEventId ?? newDeletionEventId();
    const entry = await makeTrashRoot(w, { chain: where.chain, actor, now, deletionEventId });
    await recordAudit(w.tx, {
      at: now,
      actor,
      action: 'trash',
      outcome: 'succeeded',
      driveId: w.drive.id,
      itemId: entry.id,
      name: entry.name,
      path: entry.origPath,
      bytes: entry.treeBytes,
    });
    return { entry, asyncTaskId: '' };
  });
}
