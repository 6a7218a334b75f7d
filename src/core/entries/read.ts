import type { Readable } from 'node:stream';
import {
  type ChildOrder,
  countSearchMatches,
  type EntryFilter,
  findLiveChild,
  getEntry,
  listChildren,
  listChildrenByName,
  searchCandidates,
} from '../../store/repositories/entries.repository.js';
import { unmarkingRoots } from '../../store/repositories/search-marks.repository.js';
import { requireDrive, requireLive, requireLiveFolder } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkRange, DomainError, invalidInput } from '../errors.js';
import { ROOT_ID } from '../ids.js';
import { checkLookupName } from '../names.js';
import { locate } from '../tree/locate.js';
import { withActorNames, withActorNamesOf } from '../users/actor-names.js';
import type { Actor, Drive, Entry, NamedEntry, Page } from '../types.js';

/**
 * The core's bound on a page: no listing reads more rows than this at once. Dialects
 * choose their own limits and defaults within it.
 */
export const PAGE_LIMIT = { min: 1, max: 1000 } as const;

/** The page size asked for, within the core's bound; `fallback` when none was. */
export const pageLimit = (limit: number | undefined, fallback: number): number =>
  limit === undefined ? fallback : checkRange('limit', limit, PAGE_LIMIT);

/** An entry of a drive, by id. */
export interface FileRef {
  driveId: string;
  fileId: string;
}

/** A live entry by id. */
export async function getLiveEntry(ctx: CoreContext, actor: Actor, ref: FileRef): Promise<Entry> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: ref.driveId, need: 'viewer' });
  const where = await requireLive(db, { drive, id: ref.fileId, field: 'fileId' });
  return (await getEntry(db, drive.id, where.chain[0]!.id))!;
}

/** How a page of a folder's children is ordered and cut. */
export interface ChildPaging {
  orderBy?: ChildOrder;
  direction?: 'asc' | 'desc';
  /** Default 100. */
  limit?: number;
  token?: string;
  type?: 'file' | 'folder';
}

export interface ListFolderInput extends ChildPaging {
  driveId: string;
  parentId: string;
}

/** One keyset page of a live folder's live children. */
export async function listFolder(ctx: CoreContext, actor: Actor, input: ListFolderInput): Promise<Page<NamedEntry>> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  const folder = await requireLiveFolder(db, { drive, id: input.parentId, field: 'parentId' });
  return pageOfChildren(ctx, { drive, parentId: folder.chain[0]!.id }, input);
}

/**
 * Pages a folder's children; shared by live folders and folders inside the bin. By name
 * (the default) the order is natural and folders come first, in either direction (see
 * pageByName); by a time or the size it is that key, ties by id.
 */
export async function pageOfChildren(
  ctx: CoreContext,
  folder: { drive: Drive; parentId: string },
  input: ChildPaging,
): Promise<Page<NamedEntry>> {
  const { drive, parentId } = folder;
  const orderBy = input.orderBy ?? 'name';
  const direction = input.direction ?? 'asc';
  const limit = pageLimit(input.limit, 100);
  if (orderBy === 'name') return pageByName(ctx, { drive, parentId, direction, limit, token: input.token, type: input.type });
  const scope = `children:${drive.id}:${parentId}:${orderBy}:${direction}:${input.type ?? ''}`;
  const after = ctx.tokens.read<{ key: string | number; id: string }>(scope, input.token);
  const rows = await listChildren(ctx.store.db, {
    driveId: drive.id,
    parentId,
    orderBy,
    direction,
    after,
    limit: limit + 1,
    type: input.type,
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextToken =
    rows.length > limit && last ? ctx.tokens.issue(scope, { key: sortKey(last, orderBy), id: last.id }) : '';
  return { items: await withActorNames(ctx.store.db, items), nextToken };
}

const sortKey = (e: Entry, orderBy: ChildOrder): string | number =>
  orderBy === 'name' ? e.name : orderBy === 'created_at' ? e.createdAt : orderBy === 'updated_at' ? e.updatedAt : e.size;

/** Where a page by name starts: in the folders or the files, after this key, name and id. */
interface NameMarker {
  t: 'file' | 'folder';
  k: string;
  n: string;
  id: string;
}

/**
 * A page in natural name order (f1, f2, f10), folders first, as file managers show a
 * folder: the folders' listing, then the files', each one keyset range on
 * entries_by_name_key (0023). The page where the folders end is filled with the first
 * files. The token says which listing it is in; the scope differs from the raw name order
 * this replaced (`:name:`), so a token issued before it is refused, not misread.
 */
async function pageByName(
  ctx: CoreContext,
  q: { drive: Drive; parentId: string; direction: 'asc' | 'desc'; limit: number; token?: string; type?: 'file' | 'folder' },
): Promise<Page<NamedEntry>> {
  const scope = `children:${q.drive.id}:${q.parentId}:natural:${q.direction}:${q.type ?? ''}`;
  const at = ctx.tokens.read<NameMarker>(scope, q.token);
  const types = q.type ? [q.type] : (['folder', 'file'] as const);
  const rows: Array<{ entry: Entry; key: string }> = [];
  for (const type of types.slice(at ? Math.max(types.indexOf(at.t), 0) : 0)) {
    const after = at?.t === type ? { key: at.k, name: at.n, id: at.id } : undefined;
    // One more than the page holds: whether another page follows.
    const want = q.limit + 1 - rows.length;
    rows.push(...(await listChildrenByName(ctx.store.db, { driveId: q.drive.id, parentId: q.parentId, type, direction: q.direction, after, limit: want })));
    if (rows.length > q.limit) break;
  }
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextToken =
    rows.length > q.limit && last ? ctx.tokens.issue(scope, { t: last.entry.type, k: last.key, n: last.entry.name, id: last.entry.id } satisfies NameMarker) : '';
  return { items: await withActorNames(ctx.store.db, page.map((r) => r.entry)), nextToken };
}

/** How search results are ordered: by a key of the entry, ties by id; `id` alone is the cheapest. */
export type SearchOrder = 'id' | ChildOrder;

export interface SearchInput {
  driveId: string;
  filter: EntryFilter;
  /** 1 to 100, default 100. */
  limit?: number;
  token?: string;
  /** What the token is tied to besides the drive and order: the dialect's query. */
  scope: string;
  /** Default `id`, ascending. */
  orderBy?: SearchOrder;
  direction?: 'asc' | 'desc';
  /** Also count every match (one indexed count query; see countSearchMatches). */
  withTotal?: boolean;
}

/**
 * Live entries matching `filter`, in `orderBy` order. Candidates come from the entries
 * table by keyset on (key, id), leaving out rows the search marking found under a trash
 * root (see recycle-bin/search-marks.ts); those under a trash root that are not marked yet
 * (or whose mark a restore made stale) are dropped after an ancestor check, memoised per
 * folder so a page costs about one chain walk per distinct folder. The check is what makes
 * search exact; marks only make it fast.
 */
export async function searchEntries(ctx: CoreContext, actor: Actor, input: SearchInput): Promise<Page<NamedEntry> & { total?: number }> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  // Each page may read many candidates: a tighter bound than a folder listing's.
  const limit = input.limit === undefined ? 100 : checkRange('limit', input.limit, { min: 1, max: 100 });
  const orderBy = input.orderBy ?? 'id';
  const direction = input.direction ?? 'asc';
  // The id order keeps the scope (and token shape) it always had, so old tokens stay good.
  const scope = orderBy === 'id' && direction === 'asc' ? `search:${drive.id}:${input.scope}` : `search:${drive.id}:${orderBy}:${direction}:${input.scope}`;
  const read = ctx.tokens.read<string | { k: string | number; id: string }>(scope, input.token);
  let after = typeof read === 'string' ? { key: read, id: read } : read && { key: read.k, id: read.id };
  const issue = (e: Entry) => ctx.tokens.issue(scope, orderBy === 'id' && direction === 'asc' ? e.id : { k: searchKey(e, orderBy), id: e.id });
  const liveFolders = new Map<string, boolean>([[ROOT_ID, true]]);
  const items: Entry[] = [];
  const batch = Math.max(limit * 2, 50);
  const staleRoots = await unmarkingRoots(db, drive.id);
  const total = input.withTotal ? await countSearchMatches(db, { driveId: drive.id, filter: input.filter, staleRoots }) : undefined;
  const page = async (nextToken: string) => {
    const named = await withActorNames(db, items);
    return total === undefined ? { items: named, nextToken } : { items: named, nextToken, total };
  };
  for (;;) {
    const candidates = await searchCandidates(db, { driveId: drive.id, filter: input.filter, orderBy, direction, after, limit: batch, staleRoots });
    for (const c of candidates) {
      after = { key: searchKey(c, orderBy), id: c.id };
      if (await folderIsLive(c.parentId)) items.push(c);
      if (items.length === limit) {
        const more = candidates[candidates.length - 1]!.id !== c.id || candidates.length === batch;
        return page(more ? issue(c) : '');
      }
    }
    if (candidates.length < batch) return page('');
  }

  async function folderIsLive(parentId: string | null): Promise<boolean> {
    if (parentId === null) return false;
    const known = liveFolders.get(parentId);
    if (known !== undefined) return known;
    const live = (await locate(db, drive, parentId)).state === 'live';
    liveFolders.set(parentId, live);
    return live;
  }
}

const searchKey = (e: Entry, orderBy: SearchOrder): string | number => (orderBy === 'id' ? e.id : sortKey(e, orderBy));

/** The live entry at an absolute path: one indexed lookup per segment. */
export async function resolvePath(ctx: CoreContext, actor: Actor, input: { driveId: string; path: string }): Promise<NamedEntry> {
  const db = ctx.store.db;
  const { path } = input;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  if (!path.startsWith('/')) throw invalidInput('path', 'must be an absolute path');
  const segments = path.split('/').filter((s) => s !== '');
  let current = (await getEntry(db, drive.id, ROOT_ID))!;
  for (const segment of segments) {
    const name = checkLookupName(segment, 'path');
    const child = current.type === 'folder' ? await findLiveChild(db, drive.id, current.id, name) : undefined;
    if (!child) throw new DomainError('EntryNotFound', `path ${path} does not exist`, { id: path, field: 'path' });
    current = child;
  }
  return withActorNamesOf(db, current);
}

/** A live file that has content, or EntryNotFound. */
export const noContent = (entry: Entry): DomainError =>
  new DomainError('EntryNotFound', `file ${entry.id} has no content`, { id: entry.id, field: 'fileId' });

/** The bytes of a live, complete file, whole or a range of it. */
export async function openContent(
  ctx: CoreContext,
  actor: Actor,
  input: FileRef & { range?: { start: number; end: number } },
): Promise<{ entry: Entry; stream: Readable }> {
  const entry = await getLiveEntry(ctx, actor, input);
  if (entry.type !== 'file' || entry.status !== 'available' || !entry.blobId) throw noContent(entry);
  return { entry, stream: await ctx.blobs.open(entry.blobId, input.range) };
}

/**
 * The live entries along a path given as names, for a client that names things by path
 * (WebDAV): the entry at the path and its parent folder, each undefined where the path
 * does not reach. One indexed lookup per name; a name that breaks the naming rules names
 * nothing.
 */
export async function lookupPath(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; names: readonly string[] },
): Promise<{ drive: Drive; parent: Entry | undefined; entry: Entry | undefined }> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  const { names } = input;
  let parent: Entry | undefined;
  let entry: Entry | undefined = await getEntry(db, drive.id, ROOT_ID);
  for (let i = 0; i < names.length; i++) {
    const name = checkLookupName(names[i]!, 'path');
    parent = entry;
    entry = parent?.type === 'folder' ? await findLiveChild(db, drive.id, parent.id, name) : undefined;
    if (!entry && i < names.length - 1) return { drive, parent: undefined, entry: undefined };
  }
  return { drive, parent, entry };
}
