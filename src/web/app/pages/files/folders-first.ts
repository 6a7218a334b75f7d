import { pds } from '../../api/pds.js';
import type { PdsFile, PdsPage } from '../../api/types.js';

const PAGE = 100;

/**
 * Folders first, then files, each in the order chosen, as file managers show a folder.
 * By name the server lists that way itself, in natural order (f1, f2, f10) across pages:
 * one listing. By the other orders, two keyset listings one after the other (`type:
 * folder`, then `type: file`), both on the server. The marker the page holds says which
 * listing it is in: `d:<marker>` while in the folders, `f:<marker>` in the files. The page
 * where the folders end is filled up with the first files (a listing's limit may change
 * from page to page: markers are keyset).
 */
export async function foldersFirstPage(driveId: string, folderId: string, marker: string, orderBy: string, direction: string): Promise<PdsPage<PdsFile>> {
  if (orderBy === 'name') return pds.listFolder(driveId, folderId, marker, orderBy, direction, undefined, PAGE);
  const list = (type: 'file' | 'folder', m: string, limit = PAGE) => pds.listFolder(driveId, folderId, m, orderBy, direction, type, limit);
  if (marker.startsWith('f:')) {
    const files = await list('file', marker.slice(2));
    return { items: files.items, next_marker: files.next_marker ? `f:${files.next_marker}` : '' };
  }
  const folders = await list('folder', marker.slice(2));
  if (folders.next_marker) return { items: folders.items, next_marker: `d:${folders.next_marker}` };
  const room = PAGE - folders.items.length;
  // A full page of the last folders: one row tells whether a page of files follows.
  const files = await list('file', '', Math.max(room, 1));
  if (room === 0) return { items: folders.items, next_marker: files.items.length > 0 ? 'f:' : '' };
  return { items: [...folders.items, ...files.items], next_marker: files.next_marker ? `f:${files.next_marker}` : '' };
}
