import { addToTree, getEntry, insertEntry } from '../../store/repositories/entries.repository.js';
import { requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { type CheckNameMode, resolveName } from './name-mode.js';
import { newEntryRow } from './new-entry.js';

export interface CreateFolderInput {
  driveId: string;
  parentId: string;
  name: string;
  checkNameMode?: CheckNameMode;
}

/** A new folder, or the existing one of that name with `exist: true` (mode refuse). */
export async function createFolder(
  ctx: CoreContext,
  actor: Actor,
  input: CreateFolderInput,
): Promise<{ entry: Entry; exist: boolean }> {
  const name = checkName(input.name);
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const { drive } = w;
    const parent = await requireLiveFolder(w.tx, { drive, id: input.parentId, field: 'parentId' });
    const parentId = parent.chain[0]!.id;
    const resolved = await resolveName(w.tx, { driveId: drive.id, parentId, name, type: 'folder', mode: input.checkNameMode ?? 'ignore' });
    if (resolved.existing) return { entry: resolved.existing, exist: true };
    const row = newEntryRow({
      driveId: drive.id,
      parentId,
      name: resolved.name,
      type: 'folder',
      createdBy: actor.userId,
      now: ctx.clock.now(),
    });
    await insertEntry(w, row);
    await addToTree(w, chainIds(parent.chain), { bytes: 0, count: 1 });
    return { entry: (await getEntry(w.tx, drive.id, row.id))!, exist: false };
  });
}
