import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { requireLive, requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { ROOT_ID } from '../ids.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { type CheckNameMode, resolveName } from './name-mode.js';

export interface MoveInput {
  driveId: unknown;
  fileId: unknown;
  /** New name; the current one if absent. */
  name?: unknown;
  /** New parent folder; the current one if absent. */
  parentId?: unknown;
  checkNameMode?: CheckNameMode;
}

/**
 * Renames and/or moves a live entry. The subtree's counters move with it along the two
 * ancestor chains: O(depth), whatever the subtree holds.
 */
export async function moveEntry(ctx: CoreContext, actor: Actor, input: MoveInput): Promise<Entry> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId }, async (w) => {
    const { drive, tx } = w;
    const where = await requireLive(tx, drive, input.fileId);
    const id = where.chain[0]!.id;
    if (id === ROOT_ID) throw new DomainError('InvalidMove', 'The root folder cannot be renamed or moved.', { param: 'file_id' });
    const entry = (await getEntry(tx, drive.id, id))!;
    const name = input.name === undefined ? entry.name : checkName(input.name);
    const oldParentChain = where.chain.slice(1);
    let newParentChain = oldParentChain;
    if (input.parentId !== undefined && input.parentId !== entry.parentId) {
      const dest = await requireLiveFolder(tx, drive, input.parentId, 'to_parent_file_id');
      if (dest.chain.some((l) => l.id === id)) {
        throw new DomainError('InvalidMove', 'A folder cannot be moved into itself or its own subfolders.', {
          param: 'to_parent_file_id',
        });
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
