import { getEntry } from '../../store/repositories/entries.repository.js';
import { entryNotFound, requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { pageLimit, pageOfChildren } from '../entries/read.js';
import { invalidInput } from '../errors.js';
import { locate } from '../tree/locate.js';
import { withActorNamesOf } from '../users/actor-names.js';
import type { Actor, NamedEntry } from '../types.js';
import { pageOfBin } from './list-bin.js';

/** An entry in a listing of deleted things, with when it was deleted and by whom. */
export interface DeletedEntry {
  entry: NamedEntry;
  deletedAt: number;
  /** The user who trashed its bin item (the entry itself, or the folder holding it). */
  deletedBy: string;
  /** Their name (see withActorNames). */
  deletedByName: string;
}

/**
 * What was deleted in a folder, and which kind of listing that turned out to be:
 * - `deleted-from`: the bin items whose original parent is the folder, newest deletion
 *   first, each deleted when its own item was. The folder is live, or gone for good
 *   while such items remain in the bin.
 * - `inside-deleted`: the folder is itself in the bin; its children by name, all deleted
 *   when the bin item holding them was.
 */
export type DeletedListing = { kind: 'deleted-from' | 'inside-deleted'; items: DeletedEntry[]; nextToken: string };

export interface ListDeletedInput {
  driveId: string;
  folderId: string;
  /** 1 to 1000, default 100; a dialect may allow less. */
  limit?: number;
  token?: string;
}

/**
 * The deleted things in a folder (NAS ListRecycledDirectoriesAndFiles). A folder that is
 * gone still answers while the bin holds items deleted from it, since the listing of
 * recently recycled folders names it until then; with none left it is EntryNotFound.
 * A page token is good only for the kind of listing that issued it.
 */
export async function listDeletedIn(ctx: CoreContext, actor: Actor, input: ListDeletedInput): Promise<DeletedListing> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  const { folderId } = input;
  const limit = pageLimit(input.limit, 100);
  const where = await locate(db, drive, folderId);
  if (where.state !== 'gone' && where.chain[0]!.type !== 'folder') throw invalidInput('fileId', 'must be a directory', { id: folderId });
  if (where.state === 'binned') {
    const page = await pageOfChildren(ctx, { drive, parentId: folderId }, { limit, token: input.token });
    const root = await withActorNamesOf(db, (await getEntry(db, drive.id, where.root.id))!);
    const deleted = { deletedAt: root.trashedAt ?? 0, deletedBy: root.trashedBy ?? '', deletedByName: root.trashedByName ?? '' };
    return { kind: 'inside-deleted', items: page.items.map((entry) => ({ entry, ...deleted })), nextToken: page.nextToken };
  }
  const page = await pageOfBin(ctx, drive, { limit, token: input.token, origParentId: folderId });
  if (where.state === 'gone' && page.items.length === 0 && (input.token === undefined || input.token === '')) {
    throw entryNotFound(folderId);
  }
  return { kind: 'deleted-from', items: page.items.map((entry) => ({ entry, deletedAt: entry.trashedAt, deletedBy: entry.trashedBy ?? '', deletedByName: entry.trashedByName ?? '' })), nextToken: page.nextToken };
}
