import type { DavLocksTable } from '../schema.js';
import type { Db } from '../store.js';

export type DavLockRow = DavLocksTable;

const toRow = (r: DavLockRow): DavLockRow => ({ ...r, timeout_sec: Number(r.timeout_sec), created_at: Number(r.created_at), expires_at: Number(r.expires_at) });

/**
 * Unexpired locks that bear on `path` of a drive: those on the path itself, those with
 * depth infinity on one of `ancestors` (the path's few ancestors: one equality each), and,
 * with `below`, those on anything under the path (one index range: every path that
 * starts with `path/` sorts between `path/` and `path0`, '0' following '/').
 */
export async function locksBearingOn(
  db: Db,
  q: { driveId: string; path: string; ancestors: readonly string[]; below: boolean; now: number },
): Promise<DavLockRow[]> {
  const rows = await db
    .selectFrom('dav_locks')
    .selectAll()
    .where('drive_id', '=', q.driveId)
    .where('expires_at', '>', q.now)
    .where((eb) => {
      const on = [eb('path', '=', q.path)];
      if (q.ancestors.length > 0) on.push(eb.and([eb('path', 'in', [...q.ancestors]), eb('depth', '=', 'infinity')]));
      if (q.below) {
        on.push(q.path === '' ? eb('path', '>', '') : eb.and([eb('path', '>', `${q.path}/`), eb('path', '<', `${q.path}0`)]));
      }
      return eb.or(on);
    })
    .orderBy('path')
    .limit(1000)
    .execute();
  return rows.map(toRow);
}

export async function getLock(db: Db, driveId: string, token: string): Promise<DavLockRow | undefined> {
  const row = await db.selectFrom('dav_locks').selectAll().where('token', '=', token).where('drive_id', '=', driveId).executeTakeFirst();
  return row && toRow(row);
}

export async function insertLock(db: Db, row: DavLockRow): Promise<void> {
  await db.insertInto('dav_locks').values(row).execute();
}

export async function refreshLock(db: Db, token: string, at: { timeoutSec: number; expiresAt: number }): Promise<void> {
  await db.updateTable('dav_locks').set({ timeout_sec: at.timeoutSec, expires_at: at.expiresAt }).where('token', '=', token).execute();
}

export async function deleteLock(db: Db, token: string): Promise<number> {
  const r = await db.deleteFrom('dav_locks').where('token', '=', token).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Locks on a path and everything under it (the resource is gone: deleted or moved away). */
export async function deleteLocksAt(db: Db, driveId: string, path: string): Promise<void> {
  await db
    .deleteFrom('dav_locks')
    .where('drive_id', '=', driveId)
    .where((eb) => (path === '' ? eb('path', '>=', '') : eb.or([eb('path', '=', path), eb.and([eb('path', '>', `${path}/`), eb('path', '<', `${path}0`)])])))
    .execute();
}

/** Expired locks of a drive, deleted when a new lock is taken there (housekeeping in passing). */
export async function deleteExpiredLocks(db: Db, driveId: string, now: number): Promise<void> {
  await db.deleteFrom('dav_locks').where('drive_id', '=', driveId).where('expires_at', '<=', now).execute();
}
