import { type BinFilter, mapConditions } from '../../store/repositories/bin-filter.js';
import { type BinHit, type BinSearchOrder, searchBinRows } from '../../store/repositories/bin-search.repository.js';
import { ancestorChain, getEntry } from '../../store/repositories/entries.repository.js';
import { unmarkingRoots } from '../../store/repositories/search-marks.repository.js';
import type { Db } from '../../store/store.js';
import { requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkRange } from '../errors.js';
import { locate } from '../tree/locate.js';
import { withActorNames } from '../users/actor-names.js';
import type { Actor, ActorNames, BinItem, Drive, Page } from '../types.js';
import { toBinItem } from './list-bin.js';

export interface SearchBinInput {
  driveId: string;
  /** What to look for; absent, every bin item matches. */
  filter?: BinFilter;
  /** Default: trash time, newest first; name and size go ascending unless told. */
  orderBy?: BinSearchOrder;
  direction?: 'asc' | 'desc';
  /** `origParent` conditions also match items deleted from any folder below theirs. */
  includeSubfolders?: boolean;
  /** Also entries inside trashed folders, each with the bin item holding it. */
  includeDescendants?: boolean;
  /** Default 100, at most 100 (as a search of live entries). */
  limit?: number;
  token?: string;
  /** What the filter was asked as: a token belongs to its search and to no other. */
  scope: string;
}

/**
 * A bin search hit. A bin item is its own holder; an entry inside a trashed folder carries
 * its holder's trash time, deleter and retention, its own parent as the folder it was
 * deleted from, and the path it had then.
 */
export type BinSearchItem = BinItem & ActorNames & { binItemId: string };

/**
 * Bin items matching `filter` (see store/repositories/bin-search.repository.ts), by keyset
 * on (key, id). With `includeDescendants`, the entries inside trashed folders too: those
 * the background search marking (search-marks.ts) has reached. A folder trashed a moment
 * ago shows its contents once marked, and a bin item whose marks are being redone after a
 * restore from inside it shows them again once re-marked: a search never reports a live
 * entry as deleted, at the price of missing, for a few seconds, some that are.
 */
export async function searchBin(ctx: CoreContext, actor: Actor, input: SearchBinInput): Promise<Page<BinSearchItem>> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  const limit = input.limit === undefined ? 100 : checkRange('limit', input.limit, { min: 1, max: 100 });
  const orderBy = input.orderBy ?? 'trashedAt';
  const direction = input.direction ?? (orderBy === 'trashedAt' ? 'desc' : 'asc');
  const wide = [input.includeSubfolders && 'subfolders', input.includeDescendants && 'descendants'].filter(Boolean).join('+');
  // The default order and plain search keep the scope tokens always had, so markers issued before stay good.
  const order = orderBy === 'trashedAt' && direction === 'desc' ? '' : `:${orderBy}:${direction}`;
  const scope = `bin:${drive.id}::search:${input.scope}${wide === '' ? '' : `:${wide}`}${order}`;
  const after = ctx.tokens.read<{ t: number | string; h?: string; id: string }>(scope, input.token);
  const filter = input.filter && input.includeSubfolders ? await withFolderPaths(db, drive, input.filter) : input.filter;
  const hits = await searchBinRows(db, {
    driveId: drive.id,
    hiddenBefore: drive.binHiddenBefore,
    filter,
    orderBy,
    direction,
    after: after && { key: after.t, holder: after.h, id: after.id },
    limit: limit + 1,
    descendants: input.includeDescendants ? { staleRoots: await unmarkingRoots(db, drive.id) } : undefined,
    trigramTable: ctx.store.capabilities.trigramTable,
    crossJoinOrders: ctx.store.capabilities.crossJoinOrders,
  });
  const now = ctx.clock.now();
  const page = await Promise.all(hits.slice(0, limit).map((h) => asBinItem(db, drive, h, now)));
  const items = (await withActorNames(db, page)).map((i, n) => ({ ...i, binItemId: hits[n]!.holder.id }));
  const last = items[items.length - 1];
  const key = (i: BinSearchItem) => (orderBy === 'name' ? i.name : orderBy === 'size' ? i.size : i.trashedAt);
  // With descendants by trash time, rows go holder by holder: the holder is part of the key.
  const byHolder = input.includeDescendants === true && orderBy === 'trashedAt';
  const nextToken =
    hits.length > limit && last ? ctx.tokens.issue(scope, { t: key(last), ...(byHolder && { h: last.binItemId }), id: last.id }) : '';
  return { items, nextToken };
}

/** A hit as a bin item: itself, or an entry inside one, seen through its holder. */
async function asBinItem(db: Db, drive: Drive, hit: BinHit, now: number): Promise<BinItem> {
  const { entry, holder } = hit;
  if (holder.id === entry.id) return toBinItem(drive, entry, now);
  // Its path when deleted: the holder's, then the folders from the holder down (O(depth)).
  const chain = await ancestorChain(db, drive.id, entry.id);
  const below = chain.findIndex((l) => l.id === holder.id);
  const folders = chain.slice(1, Math.max(below, 1)).map((l) => l.name).reverse();
  return toBinItem(drive, {
    ...entry,
    trashedAt: holder.trashedAt,
    trashedBy: holder.trashedBy,
    origParentId: entry.parentId,
    origPath: [holder.origPath ?? '', ...folders, entry.name].join('/'),
  }, now);
}

/**
 * Each `original_parent_file_id` condition, widened to the folders below it by the path
 * that folder has: items recorded their original path, so one index range finds them
 * without walking the tree. A folder renamed or moved since keeps its direct deletions
 * (by id) but not those from below it made under its old path. A folder in the bin has
 * the path it had when deleted; one that is gone matches by id only.
 */
export async function withFolderPaths(db: Db, drive: Drive, filter: BinFilter): Promise<BinFilter> {
  return mapConditions(filter, async (c) => {
    if (c.kind !== 'origParent') return c;
    const under = await folderPath(db, drive, c.value);
    return under === undefined ? c : { ...c, under };
  });
}

async function folderPath(db: Db, drive: Drive, id: string): Promise<string | undefined> {
  const where = await locate(db, drive, id);
  if (where.state === 'gone' || where.chain[0]!.type !== 'folder') return undefined;
  if (where.state === 'live') return where.path;
  const root = await getEntry(db, drive.id, where.root.id);
  if (!root?.origPath) return undefined;
  const below = where.chain.findIndex((l) => l.id === where.root.id);
  const names = where.chain.slice(0, below).map((l) => l.name).reverse();
  return [root.origPath, ...names].join('/');
}
