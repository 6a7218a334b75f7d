import { listBin, listRecycledDirs, type RecycledDir } from '../../store/repositories/bin.repository.js';
import { type ChainWithEntry, chainWithEntry } from '../../store/repositories/entries.repository.js';
import { findEntryForCaller } from '../../store/repositories/entry-for-caller.repository.js';
import { entryNotFound, requireDrive, requireDriveForToken, seenDrive } from '../access.js';
import { accessTokenHash, actorOfCaller } from '../auth/tokens.service.js';
import { isId } from '../ids.js';
import type { CoreContext } from '../context.js';
import { type ChildPaging, type FileRef, pageLimit, pageOfChildren } from '../entries/read.js';
import { locate, locateChain } from '../tree/locate.js';
import type { DomainField } from '../errors.js';
import { withActorNames, withStoredNames } from '../users/actor-names.js';
import type { ActorNames, Actor, BinItem, Drive, Entry, NamedEntry, Page } from '../types.js';

/**
 * A bin item of `entry`: when it went to the bin and how long retention leaves it. Set on
 * the entry given, not a copy (callers pass rows they have just read; see withActorNames).
 */
export function toBinItem<E extends Pick<Entry, 'trashedAt'>>(drive: Drive, entry: E, now: number): E & { trashedAt: number; autoDeleteLeftSec: number | null } {
  const item = entry as E & { trashedAt: number; autoDeleteLeftSec: number | null };
  item.trashedAt = entry.trashedAt ?? now;
  item.autoDeleteLeftSec = drive.binEnabled ? Math.max(0, Math.ceil((item.trashedAt + drive.reservedDays * 86_400_000 - now) / 1000)) : null;
  return item;
}

/** How bin items are ordered: by when they were trashed, or by name. */
export type BinOrder = 'trashedAt' | 'name';

export interface ListBinInput {
  driveId: string;
  /** Default 50. */
  limit?: number;
  token?: string;
  /** Default: by trash time, newest first; by name, A to Z. */
  orderBy?: BinOrder;
  direction?: 'asc' | 'desc';
}

/** Bin items, newest trashed first, by keyset: the cost of a page is flat in the bin's size. */
export async function listBinItems(ctx: CoreContext, actor: Actor, input: ListBinInput): Promise<Page<BinItem & ActorNames>> {
  const drive = await requireDrive(ctx.store.db, { actor, driveId: input.driveId, need: 'viewer' });
  const orderBy = input.orderBy ?? 'trashedAt';
  const direction = input.direction ?? (orderBy === 'trashedAt' ? 'desc' : 'asc');
  return pageOfBin(ctx, drive, { limit: pageLimit(input.limit, 50), token: input.token, orderBy, direction });
}

/** One page of the drive's bin items, all of them or only those deleted from `origParentId`. */
export async function pageOfBin(
  ctx: CoreContext,
  drive: Drive,
  input: {
    limit: number;
    token: string | undefined;
    origParentId?: string;
    orderBy?: BinOrder;
    direction?: 'asc' | 'desc';
  },
): Promise<Page<BinItem & ActorNames>> {
  const { limit } = input;
  const orderBy = input.orderBy ?? 'trashedAt';
  const direction = input.direction ?? 'desc';
  // The default order keeps the scope tokens always had, so markers issued before stay good.
  const order = orderBy === 'trashedAt' && direction === 'desc' ? '' : `:${orderBy}:${direction}`;
  // The bin's search (search-bin.ts) writes its scopes as `bin:<drive>::search:...`.
  const scope = `bin:${drive.id}:${input.origParentId ?? ''}${order}`;
  const after = ctx.tokens.read<{ t: number | string; id: string }>(scope, input.token);
  const rows = await listBin(ctx.store.db, {
    driveId: drive.id,
    hiddenBefore: drive.binHiddenBefore,
    origParentId: input.origParentId,
    orderBy,
    direction,
    after: after && { key: after.t, id: after.id },
    limit: limit + 1,
  });
  const now = ctx.clock.now();
  const items = await withActorNames(ctx.store.db, rows.slice(0, limit).map((e) => toBinItem(drive, e, now)));
  const last = items[items.length - 1];
  const key = (i: BinItem & ActorNames) => (orderBy === 'name' ? i.name : i.trashedAt);
  return { items, nextToken: rows.length > limit && last ? ctx.tokens.issue(scope, { t: key(last), id: last.id }) : '' };
}

/** A page inside a trashed folder: its children, all deleted when the bin item holding them was. */
export interface InsideBinPage extends Page<NamedEntry> {
  deletedAt: number;
  /** Seconds until retention purges the bin item holding them; null while the bin is disabled. */
  autoDeleteLeftSec: number | null;
}

/**
 * The children of a folder that is in the bin (browsing inside a trashed folder). A live
 * folder, a file, or anything not in the bin is EntryNotFound, naming `field`.
 */
export async function listInsideBinFolder(
  ctx: CoreContext,
  actor: Actor,
  input: ChildPaging & { driveId: string; folderId: string; field?: DomainField },
): Promise<InsideBinPage> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  const { folderId, field = 'fileId' } = input;
  const where = await locate(db, drive, folderId);
  if (where.state !== 'binned' || where.chain[0]!.type !== 'folder') throw entryNotFound(folderId, field);
  const deletedAt = where.root.trashedAt ?? ctx.clock.now();
  const { autoDeleteLeftSec } = toBinItem(drive, { trashedAt: deletedAt }, ctx.clock.now());
  return { ...(await pageOfChildren(ctx, { drive, parentId: folderId }, input)), deletedAt, autoDeleteLeftSec };
}

/** Where an entry stands: live, in the bin (deleted when), with the names of its actors. */
export interface EntryState {
  state: 'live' | 'binned';
  entry: NamedEntry;
  drive: Drive;
  deletedAt: number | null;
}

/** Where an entry stands for a caller: live, in the bin (deleted when), or not there at all. */
export async function entryState(ctx: CoreContext, actor: Actor, ref: FileRef): Promise<EntryState> {
  const drive = await requireDrive(ctx.store.db, { actor, driveId: ref.driveId, need: 'viewer' });
  // As in locate, an id that breaks the id rule names no entry.
  return entryStateIn(drive, ref.fileId, isId(ref.fileId) ? await chainWithEntry(ctx.store.db, drive.id, ref.fileId) : { chain: [] });
}

/**
 * entryState for a caller known by an access token, in one statement: the token, the
 * drive with the caller's role, and the entry with its chain and actors' names (five
 * round trips before). Answers exactly as userOfAccessToken then entryState would.
 */
export async function entryStateForToken(ctx: CoreContext, accessToken: string, ref: FileRef): Promise<{ actor: Actor; state: EntryState }> {
  const hash = accessTokenHash(accessToken);
  // An id that breaks the id rule names nothing (requireDrive, locate): the token alone is read.
  if (!isId(ref.driveId) || !isId(ref.fileId)) {
    const { actor, drive } = await requireDriveForToken(ctx, { accessToken, driveId: ref.driveId, need: 'viewer' });
    return { actor, state: entryStateIn(drive, ref.fileId, { chain: [] }) };
  }
  const found = await findEntryForCaller(ctx.store.db, { hash, driveId: ref.driveId, id: ref.fileId });
  const actor = actorOfCaller(ctx, found?.caller);
  const drive = seenDrive(actor, { driveId: ref.driveId, need: 'viewer', found: found?.drive });
  return { actor, state: entryStateIn(drive, ref.fileId, found!) };
}

/** The entry, where it stands (see locate) and its actors' names, as chainWithEntry read them. */
function entryStateIn(drive: Drive, id: string, { chain, entry }: ChainWithEntry): EntryState {
  const where = locateChain(drive, chain);
  if (where.state === 'gone' || entry === undefined) throw entryNotFound(id);
  // An entry inside a trashed folder was deleted when its bin item was (NAS DeleteTime).
  const deletedAt = where.state === 'binned' ? where.root.trashedAt : null;
  return { state: where.state, entry: withStoredNames(entry.entry, entry.names), drive, deletedAt };
}

/** Folders that items were deleted from, most recent deletion first. */
export async function recentlyRecycledDirs(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; limit?: number; token?: string },
): Promise<Page<RecycledDir>> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: 'viewer' });
  const limit = pageLimit(input.limit, 100);
  const scope = `recycled-dirs:${drive.id}`;
  const after = ctx.tokens.read<{ t: number; id: string }>(scope, input.token);
  const rows = await listRecycledDirs(db, drive.id, drive.binHiddenBefore, after && { time: after.t, id: after.id }, limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextToken: rows.length > limit && last ? ctx.tokens.issue(scope, { t: last.lastDeleteTime, id: last.dirId }) : '' };
}
