import type { Entry } from '../../core/types.js';
import type { Db, DriveTx } from '../store.js';
import { ENTRY_COLUMNS, toEntry } from './entry-mapper.js';
import { keysetAfter } from './keyset.js';

export interface BinQuery {
  driveId: string;
  /**
   * Items trashed at or before this are being emptied by a clear job: hidden, but for
   * those a restore accepted earlier has claimed.
   */
  hiddenBefore: number | null;
  /** Only items deleted from this folder (NAS ListRecycledDirectoriesAndFiles). */
  origParentId?: string;
  /** Default: trash time, newest first. */
  orderBy?: 'trashedAt' | 'name';
  direction?: 'asc' | 'desc';
  /** The sort key (trash time or name) and id of the last item of the previous page. */
  after?: { key: number | string; id: string };
  limit: number;
}

/**
 * Trash roots visible in the bin, by keyset on (trashed_at, id), newest first by default,
 * or on (name, id): entries_bin and entries_bin_by_name hold exactly the trash roots.
 */
export async function listBin(db: Db, q: BinQuery): Promise<Entry[]> {
  let query = db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('drive_id', '=', q.driveId)
    .where('trashed_at', 'is not', null)
    .where('purge_job_id', 'is', null);
  if (q.hiddenBefore !== null) {
    const hiddenBefore = q.hiddenBefore;
    query = query.where((eb) => eb.or([eb('trashed_at', '>', hiddenBefore), eb('restore_job_id', 'is not', null)]));
  }
  if (q.origParentId !== undefined) query = query.where('orig_parent_id', '=', q.origParentId);
  const key = q.orderBy === 'name' ? 'name' : 'trashed_at';
  const direction = q.direction ?? 'desc';
  if (q.after) {
    const after = q.after;
    query = query.where((eb) => keysetAfter(eb, key, 'id', after, direction));
  }
  const rows = await query.orderBy(key, direction).orderBy('id', direction).limit(q.limit).execute();
  return rows.map(toEntry);
}

/** Records the folder an item was deleted from (NAS ListRecentlyRecycledDirectories). */
export async function touchRecycledDir(w: DriveTx, dir: { dirId: string; path: string; at: number }): Promise<void> {
  const { dirId, path, at } = dir;
  await w.tx
    .insertInto('recycled_dirs')
    .values({ drive_id: w.driveId, dir_id: dirId, path, last_delete_time: at })
    .onConflict((oc) => oc.columns(['drive_id', 'dir_id']).doUpdateSet({ path, last_delete_time: at }))
    .execute();
}

export interface RecycledDir {
  dirId: string;
  path: string;
  lastDeleteTime: number;
}

/**
 * Folders items were deleted from, most recent first, keeping only those that still have
 * an item in the bin (an indexed EXISTS per row, not a scan of the bin).
 */
export async function listRecycledDirs(
  db: Db,
  driveId: string,
  hiddenBefore: number | null,
  after: { time: number; id: string } | undefined,
  limit: number,
): Promise<RecycledDir[]> {
  let query = db
    .selectFrom('recycled_dirs as d')
    .select(['d.dir_id', 'd.path', 'd.last_delete_time'])
    .where('d.drive_id', '=', driveId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('entries as e')
          .select('e.id')
          .whereRef('e.drive_id', '=', 'd.drive_id')
          .whereRef('e.orig_parent_id', '=', 'd.dir_id')
          .where('e.trashed_at', 'is not', null)
          .where('e.purge_job_id', 'is', null)
          .$if(hiddenBefore !== null, (qb) =>
            qb.where((eb) => eb.or([eb('e.trashed_at', '>', hiddenBefore as number), eb('e.restore_job_id', 'is not', null)])),
          ),
      ),
    );
  if (after) {
    query = query.where((eb) => keysetAfter(eb, 'd.last_delete_time', 'd.dir_id', { key: after.time, id: after.id }, 'desc'));
  }
  const rows = await query.orderBy('d.last_delete_time', 'desc').orderBy('d.dir_id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ dirId: r.dir_id, path: r.path, lastDeleteTime: Number(r.last_delete_time) }));
}

/**
 * The next bin item a clear or expire job should purge: trashed at or before `cutoff`, not
 * owned by another delete job nor claimed by a queued restore. Oldest first, so an expire job works in expiry order.
 */
export async function nextRootToPurge(db: Db, driveId: string, cutoff: number): Promise<Entry | undefined> {
  const row = await db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('drive_id', '=', driveId)
    .where('trashed_at', 'is not', null)
    .where('trashed_at', '<=', cutoff)
    .where('purge_job_id', 'is', null)
    // A queued restore accepted before this purge keeps its item.
    .where('restore_job_id', 'is', null)
    .orderBy('trashed_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && toEntry(row);
}

/** Entries (counted subtree sizes) of the bin items a clear or expire job will purge. */
export async function countRootsToPurge(db: Db, driveId: string, cutoff: number): Promise<number> {
  const row = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('tree_count'), eb.lit(0)).as('n'))
    .where('drive_id', '=', driveId)
    .where('trashed_at', 'is not', null)
    .where('trashed_at', '<=', cutoff)
    .where('purge_job_id', 'is', null)
    // A queued restore accepted before this purge keeps its item.
    .where('restore_job_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Drives with bin items older than their retention: candidates for an expire job. */
export async function drivesWithExpiredItems(db: Db, now: number): Promise<string[]> {
  const rows = await db
    .selectFrom('drives as d')
    .select('d.id')
    .where('d.bin_enabled', '=', 1)
    .where('d.status', '=', 'enabled')
    .where(({ exists, selectFrom, eb }) =>
      exists(
        selectFrom('entries as e')
          .select('e.id')
          .whereRef('e.drive_id', '=', 'd.id')
          .where('e.trashed_at', 'is not', null)
          .where('e.purge_job_id', 'is', null)
          .where('e.restore_job_id', 'is', null)
          .where((w) => w('e.trashed_at', '<', eb(eb.val(now), '-', eb('d.reserved_days', '*', 86_400_000)))),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Trash roots trashed after `after` and at or before `upTo` (each if given), oldest first, by keyset on
 * (trashed_at, id) from `from`: the items a retention lock holds, on entries_bin. Items a
 * purge has taken are not the bin's any more, and are left out; so are those a queued
 * restore has claimed, unless `withClaimed` (a drive deletion would purge them too).
 */
export async function binRootsTrashedAfter(
  db: Db,
  driveId: string,
  q: { after?: number; upTo?: number; from?: { trashedAt: number; id: string }; limit: number; withClaimed?: boolean },
): Promise<Entry[]> {
  let query = db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('drive_id', '=', driveId)
    .where('trashed_at', 'is not', null)
    .where('purge_job_id', 'is', null);
  if (q.after !== undefined) query = query.where('trashed_at', '>', q.after);
  if (!q.withClaimed) query = query.where('restore_job_id', 'is', null);
  if (q.upTo !== undefined) query = query.where('trashed_at', '<=', q.upTo);
  const from = q.from;
  if (from) query = query.where((eb) => keysetAfter(eb, 'trashed_at', 'id', { key: from.trashedAt, id: from.id }, 'asc'));
  const rows = await query.orderBy('trashed_at').orderBy('id').limit(q.limit).execute();
  return rows.map(toEntry);
}
