import type { Readable } from 'node:stream';
import {
  type ChildOrder,
  type EntryFilter,
  findLiveChild,
  getEntry,
  listChildren,
  searchCandidates,
} from '../../store/repositories/entries.repository.js';
import { requireDrive, requireLive, requireLiveFolder } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, invalidParameter } from '../errors.js';
import { ROOT_ID } from '../ids.js';
import { checkName } from '../names.js';
import { locate } from '../tree/locate.js';
import type { Actor, Drive, Entry, Page } from '../types.js';

const ORDERS: readonly ChildOrder[] = ['name', 'created_at', 'updated_at', 'size'];

export function checkLimit(value: unknown, param: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidParameter(param, 'must be an integer');
  if (n < min || n > max) {
    throw new DomainError('InvalidParameter', `The parameter ${param} must be between ${min} and ${max}.`, {
      param,
    });
  }
  return n;
}

/** A live entry by id. */
export async function getLiveEntry(ctx: CoreContext, actor: Actor, driveId: unknown, fileId: unknown): Promise<Entry> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, actor, driveId);
  const where = await requireLive(db, drive, fileId);
  return (await getEntry(db, drive.id, where.chain[0]!.id))!;
}

export interface ListFolderInput {
  driveId: unknown;
  parentId: unknown;
  orderBy?: unknown;
  direction?: unknown;
  limit?: unknown;
  token?: unknown;
  type?: 'file' | 'folder';
}

/** One keyset page of a live folder's live children. */
export async function listFolder(ctx: CoreContext, actor: Actor, input: ListFolderInput): Promise<Page<Entry>> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, actor, input.driveId);
  const folder = await requireLiveFolder(db, drive, input.parentId, 'parent_file_id');
  return pageOfChildren(ctx, drive, folder.chain[0]!.id, input);
}

/** Pages a folder's children; shared by live folders and folders inside the bin. */
export async function pageOfChildren(
  ctx: CoreContext,
  drive: Drive,
  parentId: string,
  input: Omit<ListFolderInput, 'driveId' | 'parentId'>,
): Promise<Page<Entry>> {
  const orderBy = (input.orderBy ?? 'name') as ChildOrder;
  if (!ORDERS.includes(orderBy)) throw invalidParameter('order_by', `must be one of ${ORDERS.join(', ')}`);
  const direction = String(input.direction ?? 'ASC').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') throw invalidParameter('order_direction', "must be 'ASC' or 'DESC'");
  const limit = checkLimit(input.limit, 'limit', 1, 1000, 100);
  const scope = `children:${drive.id}:${parentId}:${orderBy}:${direction}:${input.type ?? ''}`;
  const after = ctx.tokens.read<{ key: string | number; id: string }>(scope, input.token, 'marker');
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
  return { items, nextToken };
}

const sortKey = (e: Entry, orderBy: ChildOrder): string | number =>
  orderBy === 'name' ? e.name : orderBy === 'created_at' ? e.createdAt : orderBy === 'updated_at' ? e.updatedAt : e.size;

/**
 * Live entries matching `filter`. Candidates come from the entries table by id; those
 * under a trash root are dropped after an ancestor check, memoised per folder so a page
 * costs about one chain walk per distinct folder.
 */
export async function searchEntries(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: unknown; filter: EntryFilter; limit?: unknown; token?: unknown; scope: string },
): Promise<Page<Entry>> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, actor, input.driveId);
  const limit = checkLimit(input.limit, 'limit', 1, 100, 100);
  const scope = `search:${drive.id}:${input.scope}`;
  let afterId = ctx.tokens.read<string>(scope, input.token, 'marker');
  const liveFolders = new Map<string, boolean>([[ROOT_ID, true]]);
  const items: Entry[] = [];
  const batch = Math.max(limit * 2, 50);
  for (;;) {
    const candidates = await searchCandidates(db, drive.id, input.filter, afterId, batch);
    for (const c of candidates) {
      afterId = c.id;
      if (await folderIsLive(c.parentId)) items.push(c);
      if (items.length === limit) {
        const more = candidates[candidates.length - 1]!.id !== c.id || candidates.length === batch;
        return { items, nextToken: more ? ctx.tokens.issue(scope, afterId) : '' };
      }
    }
    if (candidates.length < batch) return { items, nextToken: '' };
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

/** The live entry at an absolute path: one indexed lookup per segment. */
export async function resolvePath(ctx: CoreContext, actor: Actor, driveId: unknown, path: unknown): Promise<Entry> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, actor, driveId);
  if (typeof path !== 'string' || !path.startsWith('/')) throw invalidParameter('Path', 'must be an absolute path');
  const segments = path.split('/').filter((s) => s !== '');
  let current = (await getEntry(db, drive.id, ROOT_ID))!;
  for (const segment of segments) {
    checkName(segment, 'Path');
    const child = current.type === 'folder' ? await findLiveChild(db, drive.id, current.id, segment) : undefined;
    if (!child) throw new DomainError('EntryNotFound', `The specified path ${path} does not exist.`, { param: 'Path' });
    current = child;
  }
  return current;
}

/** The bytes of a live, complete file, whole or a range of it. */
export async function openContent(
  ctx: CoreContext,
  actor: Actor,
  driveId: unknown,
  fileId: unknown,
  range?: { start: number; end: number },
): Promise<{ entry: Entry; stream: Readable }> {
  const entry = await getLiveEntry(ctx, actor, driveId, fileId);
  if (entry.type !== 'file' || entry.status !== 'available' || !entry.blobId) {
    throw new DomainError('EntryNotFound', `The specified file ${entry.id} has no content.`, { id: entry.id, param: 'file_id' });
  }
  return { entry, stream: await ctx.blobs.open(entry.blobId, range) };
}
