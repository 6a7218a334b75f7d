import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { requireLive, requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, rootRefused } from '../errors.js';
import { ROOT_ID } from '../ids.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { type CheckNameMode, resolveName } from './name-mode.js';

export interface MoveInput {
  driveId: string;
  fileId: string;
  /** New name; the current one if absent. */
  name?: string;
  /** New parent folder; the current one if absent. */
  parentId?: string;
  checkNameMode?: CheckNameMode;
}

/**
 * Renames and/or moves a live entry. The subtree's counters move with it along the two
 * ancestor chains: O(depth), whatever the subtree holds.
 */
export async function moveEntry(ctx: CoreContext, actor: Actor, input: MoveInput): Promise<Entry> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId }, async (w) => {
    const { drive, tx } = w;
    const where = await requireLive(tx, { drive, id: input.fileId, field: 'fileId' });
    const id = where.chain[0]!.id;
    if (id === ROOT_ID) throw rootRefused('renamed or moved');
    const entry = (await getEntry(tx, drive.id, id))!;
    const name = input.name === undefined ? entry.name : checkName(input.name);
    const oldParentChain = where.chain.slice(1);
    let newParentChain = oldParentChain;
    if (input.parentId !== undefined && input.parentId !== entry.parentId) {
      const dest = await requireLiveFolder(tx, { drive, id: input.parentId, field: 'parentId' });
      if (dest.chain.some((l) => l.id === id)) {
        const reason = 'is the folder being moved or one of its subfolders';
        throw new DomainError('InvalidMove', `parentId ${reason}`, { field: 'parentId', id: input.parentId, reason });
      }
      newParentChain = dest.chain;
    }
    const newParentId = newParentChain[0]!.id;
    if (newParentId === entry.parentId && name === entry.name) return entry;
    const mode = input.checkNameMode ?? 'ignore';
    const resolved = await resolveName(tx, {
      driveId: drive.id,
      parentId: newParentId,
      name,
      type: entry.type,
      mode: mode === 'refuse' ? 'ignore' : mode,
    });
    const now = ctx.clock.now();
    if (newParentId !== entry.parentId) {
      await addToTree(w, chainIds(oldParentChain), { bytes: -entry.treeBytes, count: -entry.treeCount });
      await addToTree(w, chainIds(newParentChain), { bytes: entry.treeBytes, count: entry.treeCount });
    }
    await updateEntry(w, id, { parent_id: newParentId, name: resolved.name, updated_at: now, changed_at: now });
    return (await getEntry(tx, drive.id, id))!;
  });
}
