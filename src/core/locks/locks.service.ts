import { randomUUID } from 'node:crypto';
import {
  type DavLockRow,
  deleteExpiredLocks,
  deleteLock,
  deleteLocksAt,
  getLock,
  insertLock,
  locksBearingOn,
  refreshLock,
} from '../../store/repositories/dav-locks.repository.js';
import type { Db } from '../../store/store.js';
import { requireDrive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, invalidInput } from '../errors.js';
import type { Actor } from '../types.js';

/**
 * WebDAV write locks (RFC 4918 sections 6 and 7), on paths of a drive, kept in the
 * database so every node sees the same ones. A path is drive-relative with no leading or
 * trailing slash ('' is the root folder); each name in it is the dialect's to check.
 */
export interface DavLock {
  token: string;
  driveId: string;
  path: string;
  depth: '0' | 'infinity';
  scope: 'exclusive' | 'shared';
  ownerXml: string;
  userId: string;
  timeoutSec: number;
  expiresAt: number;
}

/** Locks last at most a day; a client refreshes them (RFC 4918 10.7 lets the server choose). */
export const LOCK_TIMEOUT = { defaultSec: 3600, maxSec: 86_400 } as const;

const toLock = (r: DavLockRow): DavLock => ({
  token: r.token,
  driveId: r.drive_id,
  path: r.path,
  depth: r.depth === 'infinity' ? 'infinity' : '0',
  scope: r.scope === 'shared' ? 'shared' : 'exclusive',
  ownerXml: r.owner_xml,
  userId: r.user_id,
  timeoutSec: r.timeout_sec,
  expiresAt: r.expires_at,
});

/** '', 'a', 'a/b' for 'a/b/c'. */
export function ancestorsOf(path: string): string[] {
  if (path === '') return [];
  const parts = path.split('/');
  const out = [''];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

const bearingOn = async (ctx: CoreContext, db: Db, driveId: string, path: string, below: boolean) =>
  (await locksBearingOn(db, { driveId, path, ancestors: ancestorsOf(path), below, now: ctx.clock.now() })).map(toLock);

export const resourceLocked = (path: string): DomainError =>
  new DomainError('ResourceLocked', `/${path} is locked`, { name: `/${path}` });

const clampTimeout = (sec: number | undefined): number =>
  Math.min(LOCK_TIMEOUT.maxSec, Math.max(1, sec ?? LOCK_TIMEOUT.defaultSec));

/**
 * The unexpired locks that cover a path (its own, and depth-infinity ones above it); with
 * `below`, also those under it (a folder listing shows each child's in one query).
 */
export async function locksOn(ctx: CoreContext, actor: Actor, input: { driveId: string; path: string; below?: boolean }): Promise<DavLock[]> {
  await requireDrive(ctx.store.db, { actor, driveId: input.driveId, need: 'viewer' });
  return bearingOn(ctx, ctx.store.db, input.driveId, input.path, input.below ?? false);
}

/** Whether `lock` covers `path`: on it, or at depth infinity on an ancestor. */
export const lockCovers = (lock: Pick<DavLock, 'path' | 'depth'>, path: string): boolean =>
  lock.path === path || (lock.depth === 'infinity' && ancestorsOf(path).includes(lock.path));

/**
 * A new lock. An exclusive lock conflicts with any other lock that covers the path (or,
 * at depth infinity, anything under it); a shared one only with exclusive ones.
 */
export async function takeLock(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; path: string; depth: '0' | 'infinity'; scope: 'exclusive' | 'shared'; ownerXml: string; timeoutSec?: number },
): Promise<DavLock> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const now = ctx.clock.now();
    await deleteExpiredLocks(w.tx, w.drive.id, now);
    const held = await bearingOn(ctx, w.tx, w.drive.id, input.path, input.depth === 'infinity');
    if (held.some((l) => l.scope === 'exclusive' || input.scope === 'exclusive')) throw resourceLocked(input.path);
    const timeoutSec = clampTimeout(input.timeoutSec);
    const row: DavLockRow = {
      token: `opaquelocktoken:${randomUUID()}`,
      drive_id: w.drive.id,
      path: input.path,
      depth: input.depth,
      scope: input.scope,
      owner_xml: input.ownerXml,
      user_id: actor.userId,
      timeout_sec: timeoutSec,
      created_at: now,
      expires_at: now + timeoutSec * 1000,
    };
    await insertLock(w.tx, row);
    return toLock(row);
  });
}

const noSuchLock = (): DomainError => invalidInput('token', 'names no lock of yours on this resource');

/** A lock of the actor's that covers `path`, by token; InvalidParameter (token) otherwise. */
async function ownLockOn(ctx: CoreContext, db: Db, actor: Actor, input: { driveId: string; path: string; token: string }): Promise<DavLock> {
  const row = await getLock(db, input.driveId, input.token);
  if (!row || row.expires_at <= ctx.clock.now() || row.user_id !== actor.userId) throw noSuchLock();
  const lock = toLock(row);
  if (!lockCovers(lock, input.path)) throw noSuchLock();
  return lock;
}

/** A lock's timeout starts again (LOCK with an If header and no body). */
export async function refreshOwnLock(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; path: string; token: string; timeoutSec?: number },
): Promise<DavLock> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const lock = await ownLockOn(ctx, w.tx, actor, input);
    const timeoutSec = clampTimeout(input.timeoutSec);
    const expiresAt = ctx.clock.now() + timeoutSec * 1000;
    await refreshLock(w.tx, lock.token, { timeoutSec, expiresAt });
    return { ...lock, timeoutSec, expiresAt };
  });
}

/** UNLOCK: only the user who took a lock may release it (an admin too). */
export async function releaseLock(ctx: CoreContext, actor: Actor, input: { driveId: string; path: string; token: string }): Promise<void> {
  await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const lock = await ownLockOn(ctx, w.tx, actor.isAdmin ? { ...actor, userId: (await getLock(w.tx, w.drive.id, input.token))?.user_id ?? actor.userId } : actor, input);
    await deleteLock(w.tx, lock.token);
  });
}

/**
 * Refuses a write while a lock covers what it changes, unless the request names that
 * lock's token and the actor is the one who took it (RFC 4918 7.4). `below`: the write
 * changes everything under the path too (DELETE or MOVE of a folder).
 */
export async function requireUnlocked(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; targets: readonly { path: string; below: boolean }[]; tokens: readonly string[] },
): Promise<void> {
  for (const t of input.targets) {
    const held = await bearingOn(ctx, ctx.store.db, input.driveId, t.path, t.below);
    const blocking = held.find((l) => !(input.tokens.includes(l.token) && l.userId === actor.userId));
    if (blocking) throw resourceLocked(t.path);
  }
}

/** The resource at `path` is gone (deleted, or moved away): its locks and those below go with it. */
export async function forgetLocks(ctx: CoreContext, input: { driveId: string; path: string }): Promise<void> {
  await deleteLocksAt(ctx.store.db, input.driveId, input.path);
}
