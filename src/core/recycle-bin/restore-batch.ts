import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, ancestorChain, restoreRowsInto, takenNames } from '../../store/repositories/entries.repository.js';
import { reopenMarks } from '../../store/repositories/search-marks.repository.js';
import type { OpenDriveTx } from '../access.js';
import { type AuditEntry, recordAudits } from '../audit/record.js';
import type { CoreContext } from '../context.js';
import { chainIds, locate, locateChain } from '../tree/locate.js';
import type { Actor, Dialect, Entry } from '../types.js';
import { applyRestore } from './restore.js';

export interface RestoreBatchInput {
  /** Bin items (trash roots), none claimed by another job. */
  items: Entry[];
  actor: Actor;
  jobId: number;
  /** Who asked, as the audit trail names it (the request that queued the job). */
  dialect: Dialect;
}

/**
 * Restores a batch of bin items to their original places, as applyRestore would one by
 * one, in a few statements a folder rather than a dozen an item: a mass deletion is mostly
 * many items from the same few folders. Items whose folder is live and whose names are
 * free there (and distinct in the batch) go back together: one update of their rows, one
 * of the folder's ancestor counters, one of the drive's bytes, one insert of their search
 * marks' reopening and one of their audit records. The rest (a taken name, a folder in the
 * bin or gone) go through applyRestore. Returns how many it restored.
 */
export async function restoreBatch(ctx: CoreContext, w: OpenDriveTx, input: RestoreBatchInput): Promise<number> {
  const { items, actor, jobId, dialect } = input;
  const now = ctx.clock.now();
  const byFolder = new Map<string, Entry[]>();
  const one: Entry[] = [];
  for (const item of items) {
    if (item.origParentId === null) one.push(item);
    else byFolder.set(item.origParentId, [...(byFolder.get(item.origParentId) ?? []), item]);
  }
  const records: AuditEntry[] = [];
  const record = (item: Entry, name: string) =>
    records.push({
      at: now,
      actor,
      dialect,
      action: 'restore',
      outcome: 'succeeded',
      driveId: w.drive.id,
      itemId: item.id,
      name: item.name,
      path: item.origPath,
      bytes: item.treeBytes,
      jobId,
      detail: `to ${name}`,
    });
  for (const [folderId, group] of byFolder) {
    const where = await locate(w.tx, w.drive, folderId);
    if (where.state !== 'live' || where.chain[0]!.type !== 'folder') {
      one.push(...group);
      continue;
    }
    const taken = await takenNames(w.tx, w.drive.id, folderId, group.map((i) => i.name));
    const together: Entry[] = [];
    for (const item of group) {
      if (taken.has(item.name)) one.push(item);
      else {
        taken.add(item.name);
        together.push(item);
      }
    }
    if (together.length === 0) continue;
    await restoreRowsInto(w, { ids: together.map((i) => i.id), parentId: folderId, now, by: actor.userId });
    const bytes = together.reduce((n, i) => n + i.treeBytes, 0);
    const count = together.reduce((n, i) => n + i.treeCount, 0);
    await addToTree(w, chainIds(where.chain), { bytes, count });
    await adjustDriveBytes(w, { used: 0, bin: -bytes });
    // As applyRestore: a restored folder's marks below may now cover live rows.
    await reopenMarks(w, together.filter((i) => i.type === 'folder').map((i) => i.id));
    for (const item of together) record(item, item.name);
  }
  for (const item of one) {
    const where = locateChain(w.drive, await ancestorChain(w.tx, w.drive.id, item.id));
    if (where.state !== 'binned') continue;
    const restored = await applyRestore(ctx, w, { where, target: null, actor });
    record(item, restored.name);
  }
  await recordAudits(w.tx, records);
  return records.length;
}
