import { addToTree, getEntry, insertEntry } from '../../store/repositories/entries.repository.js';
import { requireDrive, requireLiveFolder } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { type CheckNameMode, resolveName } from './name-mode.js';
import { newEntryRow } from './new-entry.js';

export interface CreateFolderInput {
  driveId: unknown;
  parentId: unknown;
  name: unknown;
  checkNameMode?: CheckNameMode;
}

/** A new folder, or the existing one of that name with `exist: true` (mode refuse). */
export async function createFolder(
  ctx: CoreContext,
  actor: Actor,
  input: CreateFolderInput,
): Promise<{ entry: Entry; exist: boolean }> {
  const name = checkName(input.name);
  return ctx.store.transaction(async (tx) => {
    const drive = await requireDrive(tx, actor, input.driveId, ctx.store.capabilities);
    const parent = await requireLiveFolder(tx, drive, input.parentId, 'parent_file_id');
    const parentId = parent.chain[0]!.id;
    const resolved = await resolveName(tx, drive.id, parentId, name, 'folder', input.checkNameMode ?? 'ignore');
    if (resolved.existing) return { entry: resolved.existing, exist: true };
    const row = newEntryRow({
      driveId: drive.id,
      parentId,
      name: resolved.name,
      type: 'folder',
      createdBy: actor.userId,
      now: ctx.clock.now(),
    });
    await insertEntry(tx, row);
    await addToTree(tx, drive.id, chainIds(parent.chain), 0, 1);
    return { entry: (await getEntry(tx, drive.id, row.id))!, exist: false };
  });
}
