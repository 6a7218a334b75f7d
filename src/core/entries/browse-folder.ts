import { entryNotFound, requireDrive, targetNotFound } from '../access.js';
import type { CoreContext } from '../context.js';
import { locate } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { type ListFolderInput, pageOfChildren } from './read.js';

/**
 * A page of a folder's children, live or in the bin, saying which: inside a folder in the
 * bin every child was deleted when the bin item holding it was (`deletedAt`).
 */
export type FolderListing =
  | { where: 'live'; items: Entry[]; nextToken: string }
  | { where: 'bin'; deletedAt: number; items: Entry[]; nextToken: string };

/**
 * One keyset page of a folder, wherever it is (PDS file/list): a live folder's live
 * children, or, browsing inside a trashed folder, its children as they were deleted.
 * Inside the bin the `type` filter does not apply (as the listing always behaved).
 */
export async function browseFolder(ctx: CoreContext, actor: Actor, input: ListFolderInput): Promise<FolderListing> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, actor, input.driveId);
  const id = input.parentId;
  const where = await locate(db, drive, id);
  if (where.state === 'gone') throw entryNotFound(id, 'parentId');
  const isFolder = where.chain[0]!.type === 'folder';
  if (where.state === 'live') {
    if (!isFolder) throw targetNotFound(id, 'parentId');
    return { where: 'live', ...(await pageOfChildren(ctx, { drive, parentId: id }, input)) };
  }
  if (!isFolder) throw entryNotFound(id, 'parentId');
  const { type: _notInBin, ...paging } = input;
  return { where: 'bin', deletedAt: where.root.trashedAt ?? 0, ...(await pageOfChildren(ctx, { drive, parentId: id }, paging)) };
}
