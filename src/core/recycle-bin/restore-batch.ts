import { adjustDriveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, ancestorChain, type ChainLink, restoreRowsInto, takenNames } from '../../store/repositories/entries.repository.js';
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
 * bin or gone) go through applyRestore, each in its turn: the result is that of single
 * restores in the items' order (what restore_all's dry run predicts). Returns how many it restored.
 */
export async function restoreBatch(ctx: CoreContext, w: OpenDriveTx, input: RestoreBatchInput): Promise<number> {
  const { items, actor, jobId, dialect } = input;
  const now = ctx.clock.now();
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
  // Items go in their order (oldest first), as single restores would: one that needs
  // applyRestore (a taken name, a folder in the bin or gone) may make a folder, or restore
  // one, that a later item's restore depends on. So the items gathered since the last such
  // one are written together first, and what was learnt of the folders is forgotten after it.
  let folders = new Map<string, FolderNow>();
  const run = new Map<string, { chain: ChainLink[]; items: Entry[] }>();
  const flush = async () => {
    for (const [folderId, { chain, items: together }] of run) {
      await restoreRowsInto(w, { ids: together.map((i) => i.id), parentId: folderId, now, by: actor.userId });
      const bytes = together.reduce((n, i) => n + i.treeBytes, 0);
      const count = together.reduce((n, i) => n + i.treeCount, 0);
      await addToTree(w, chainIds(chain), { bytes, count });
      await adjustDriveBytes(w, { used: 0, bin: -bytes });
      // As applyRestore: a restored folder's marks below may now cover live rows.
      await reopenMarks(w, together.filter((i) => i.type === 'folder').map((i) => i.id));
      for (const item of together) record(item, item.name);
    }
    run.clear();
  };
  for (const [n, item] of items.entries()) {
    const folderId = item.origParentId;
    let folder = folderId === null ? undefined : folders.get(folderId);
    if (folderId !== null && folder === undefined) {
      // The names the items from here on would take in it, looked up at once.
      const names = items.slice(n).filter((i) => i.origParentId === folderId).map((i) => i.name);
      folder = await folderNow(w, folderId, names);
      folders.set(folderId, folder);
    }
    if (folderId !== null && folder?.chain && !folder.taken.has(item.name)) {
      folder.taken.add(item.name);
      const group = run.get(folderId) ?? { chain: folder.chain, items: [] };
      group.items.push(item);
      run.set(folderId, group);
      continue;
    }
    await flush();
    const where = locateChain(w.drive, await ancestorChain(w.tx, w.drive.id, item.id));
    if (where.state !== 'binned') continue;
    const restored = await applyRestore(ctx, w, { where, target: null, actor });
    record(item, restored.name);
    folders = new Map();
  }
  await flush();
  await recordAudits(w.tx, records);
  return records.length;
}

/** A folder as a batch sees it: its chain if it is a live folder, and which of the names asked for are taken there. */
interface FolderNow {
  chain: ChainLink[] | undefined;
  taken: Set<string>;
}

async function folderNow(w: OpenDriveTx, folderId: string, names: string[]): Promise<FolderNow> {
  const where = await locate(w.tx, w.drive, folderId);
  if (where.state !== 'live' || where.chain[0]!.type !== 'folder') return { chain: undefined, taken: new Set() };
  return { chain: where.chain, taken: await takenNames(w.tx, w.drive.id, folderId, names) };
}
