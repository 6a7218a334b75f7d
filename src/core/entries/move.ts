import { addToTree, findLiveChild, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { type Removal, removeInTx } from '../recycle-bin/remove.js';
import { type OpenDriveTx, requireLive, requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, type DomainField, rootRefused } from '../errors.js';
import { ROOT_ID } from '../ids.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry, NamedEntry } from '../types.js';
import { withActorNamesOf } from '../users/actor-names.js';
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
 * Renames and/or moves a live entry (PDS file/update). A name taken at the destination is
 * a NameConflict in every mode but auto_rename: a rename never hands back another entry.
 */
export async function moveEntry(ctx: CoreContext, actor: Actor, input: MoveInput): Promise<NamedEntry> {
  const entry = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const mode = input.checkNameMode === 'refuse' ? 'ignore' : input.checkNameMode;
    const moved = await relocate(ctx, w, {
      actor,
      fileId: input.fileId,
      name: input.name,
      parentId: input.parentId,
      checkNameMode: mode,
      fields: { name: 'name', parentId: 'parentId' },
    });
    return moved.entry;
  });
  return withActorNamesOf(ctx.store.db, entry);
}

export interface MoveToInput {
  driveId: string;
  fileId: string;
  /** The destination folder (same drive). */
  toParentId: string;
  /** The name at the destination; the current one if absent. */
  newName?: string;
  /** refuse: a taken name moves nothing and answers the entry holding it (`exist`). */
  checkNameMode?: CheckNameMode;
}

/**
 * Moves a live entry into another folder of its drive (PDS file/move), optionally under a
 * new name. `exist` says the name was taken and mode refuse left everything as it was;
 * `entry` is then the entry that holds the name.
 */
export async function moveEntryTo(ctx: CoreContext, actor: Actor, input: MoveToInput): Promise<{ entry: Entry; exist: boolean }> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, (w) =>
    relocate(ctx, w, {
      actor,
      fileId: input.fileId,
      name: input.newName,
      parentId: input.toParentId,
      checkNameMode: input.checkNameMode,
      fields: { name: 'newName', parentId: 'targetId' },
    }),
  );
}

interface Relocation {
  /** Who moves it: its last modifier from now on. */
  actor: Actor;
  fileId: string;
  name: string | undefined;
  parentId: string | undefined;
  checkNameMode: CheckNameMode | undefined;
  /** The input fields that named the new name and the destination, for errors. */
  fields: { name: DomainField; parentId: DomainField };
}

/** A folder may not go into itself or below itself. */
export const intoItself = (field: DomainField, id: string): DomainError => {
  const reason = 'is the folder being moved or one of its subfolders';
  return new DomainError('InvalidMove', `${field} ${reason}`, { field, id, reason });
};

/**
 * The move itself, under the drive lock. The subtree's counters move with it along the
 * two ancestor chains: O(depth), whatever the subtree holds.
 */
async function relocate(ctx: CoreContext, w: OpenDriveTx, input: Relocation): Promise<{ entry: Entry; exist: boolean }> {
  const { drive, tx } = w;
  const where = await requireLive(tx, { drive, id: input.fileId, field: 'fileId' });
  const id = where.chain[0]!.id;
  if (id === ROOT_ID) throw rootRefused('renamed or moved');
  const entry = (await getEntry(tx, drive.id, id))!;
  const name = input.name === undefined ? entry.name : checkName(input.name, input.fields.name);
  const oldParentChain = where.chain.slice(1);
  let newParentChain = oldParentChain;
  if (input.parentId !== undefined && input.parentId !== entry.parentId) {
    const dest = await requireLiveFolder(tx, { drive, id: input.parentId, field: input.fields.parentId });
    if (dest.chain.some((l) => l.id === id)) throw intoItself(input.fields.parentId, input.parentId);
    newParentChain = dest.chain;
  }
  const newParentId = newParentChain[0]!.id;
  if (newParentId === entry.parentId && name === entry.name) return { entry, exist: false };
  const resolved = await resolveName(tx, {
    driveId: drive.id,
    parentId: newParentId,
    name,
    type: entry.type,
    mode: input.checkNameMode ?? 'ignore',
  });
  if (resolved.existing) return { entry: resolved.existing, exist: true };
  const now = ctx.clock.now();
  if (newParentId !== entry.parentId) {
    await addToTree(w, chainIds(oldParentChain), { bytes: -entry.treeBytes, count: -entry.treeCount });
    await addToTree(w, chainIds(newParentChain), { bytes: entry.treeBytes, count: entry.treeCount });
  }
  await updateEntry(w, id, { parent_id: newParentId, name: resolved.name, updated_at: now, changed_at: now, modified_by: input.actor.userId });
  return { entry: (await getEntry(tx, drive.id, id))!, exist: false };
}

/**
 * A move onto a name that may be taken (WebDAV MOVE with Overwrite): whatever holds the
 * name goes to the bin (or, a scratch file, is purged: recycle-bin/remove.ts) in the same
 * transaction as the move, so the name is never empty and the old entry is recoverable.
 */
export async function moveReplacing(ctx: CoreContext, actor: Actor, input: MoveToInput): Promise<{ entry: Entry; replaced: Removal | null }> {
  const result = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const source = await requireLive(w.tx, { drive: w.drive, id: input.fileId, field: 'fileId' });
    const dest = await requireLiveFolder(w.tx, { drive: w.drive, id: input.toParentId, field: 'targetId' });
    const name = input.newName === undefined ? source.chain[0]!.name : checkName(input.newName, 'newName');
    const holder = await findLiveChild(w.tx, w.drive.id, dest.chain[0]!.id, name);
    let replaced: Removal | null = null;
    if (holder && holder.id !== source.chain[0]!.id) {
      const where = await requireLive(w.tx, { drive: w.drive, id: holder.id, field: 'newName' });
      replaced = await removeInTx(ctx, w, { chain: where.chain, actor });
    }
    const moved = await relocate(ctx, w, {
      actor,
      fileId: input.fileId,
      name,
      parentId: input.toParentId,
      checkNameMode: 'ignore',
      fields: { name: 'newName', parentId: 'targetId' },
    });
    return { entry: moved.entry, replaced };
  });
  if (result.replaced?.purged) ctx.wakeEngine();
  return result;
}
