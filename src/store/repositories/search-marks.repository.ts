import { sql } from 'kysely';
import type { Db, DriveTx } from '../store.js';
import { keysetAfter } from './keyset.js';

/**
 * Queries of the search marking: trash roots whose subtrees are being marked
 * (`entries.binned_under`) or unmarked, and the folders still to visit. See
 * core/recycle-bin/search-marks.ts for the rules.
 */

export interface MarkWork {
  driveId: string;
  rootId: string;
  state: 'marking' | 'unmarking';
}

/** Queues the marking of a new trash root's subtree; one being unmarked is marked again after. */
export async function queueMarking(w: DriveTx, rootId: string): Promise<void> {
  const inserted = await w.tx
    .insertInto('search_marks')
    .values({ drive_id: w.driveId, root_id: rootId, state: 'marking' })
    .onConflict((oc) => oc.columns(['drive_id', 'root_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await addFrontier(w, rootId, [rootId]);
}

/** The marks under these trash roots may be stale from now on: search stops trusting them. */
export async function reopenMarks(w: DriveTx, rootIds: string[]): Promise<void> {
  // One statement for all (a bulk restore passes a batch of folders); ids are distinct.
  const ids = [...new Set(rootIds)];
  if (ids.length === 0) return;
  await w.tx
    .insertInto('search_marks')
    .values(ids.map((rootId) => ({ drive_id: w.driveId, root_id: rootId, state: 'unmarking' as const })))
    .onConflict((oc) => oc.columns(['drive_id', 'root_id']).doUpdateSet({ state: 'unmarking' }))
    .execute();
  // The root's frontier (one row per folder still to visit) stays: an unmarking root is
  // never marked, and restartMarking drops it in the background. Restore stays O(depth).
}

/** Marks a root's subtree again from the top, once its stale marks are cleared. */
export async function restartMarking(w: DriveTx, rootId: string): Promise<void> {
  await w.tx.deleteFrom('search_mark_frontier').where('drive_id', '=', w.driveId).where('root_id', '=', rootId).execute();
  await setMarkState(w, rootId, 'marking');
  await addFrontier(w, rootId, [rootId]);
}

/** Trash roots of a drive whose marks search must not trust. Usually none. */
export async function unmarkingRoots(db: Db, driveId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('search_marks')
    .select('root_id')
    .where('drive_id', '=', driveId)
    .where('state', '=', 'unmarking')
    .execute();
  return rows.map((r) => r.root_id);
}

/** Some root with marking work left, on `driveId` or any drive. */
export async function nextMarkWork(db: Db, driveId?: string): Promise<MarkWork | undefined> {
  let query = db.selectFrom('search_marks').select(['drive_id', 'root_id', 'state']);
  if (driveId !== undefined) query = query.where('drive_id', '=', driveId);
  const row = await query.limit(1).executeTakeFirst();
  return row && { driveId: row.drive_id, rootId: row.root_id, state: row.state };
}

export async function markState(w: DriveTx, rootId: string): Promise<MarkWork['state'] | undefined> {
  const row = await w.tx
    .selectFrom('search_marks')
    .select('state')
    .where('drive_id', '=', w.driveId)
    .where('root_id', '=', rootId)
    .executeTakeFirst();
  return row?.state;
}

export async function setMarkState(w: DriveTx, rootId: string, state: MarkWork['state']): Promise<void> {
  await w.tx
    .updateTable('search_marks')
    .set({ state })
    .where('drive_id', '=', w.driveId)
    .where('root_id', '=', rootId)
    .execute();
}

export async function forgetMarkWork(w: DriveTx, rootId: string): Promise<void> {
  await w.tx.deleteFrom('search_marks').where('drive_id', '=', w.driveId).where('root_id', '=', rootId).execute();
  await w.tx.deleteFrom('search_mark_frontier').where('drive_id', '=', w.driveId).where('root_id', '=', rootId).execute();
}

/** A drive that is gone leaves nothing to mark. */
export async function forgetDriveMarkWork(w: DriveTx): Promise<void> {
  await w.tx.deleteFrom('search_marks').where('drive_id', '=', w.driveId).execute();
  await w.tx.deleteFrom('search_mark_frontier').where('drive_id', '=', w.driveId).execute();
}

export interface FrontierFolder {
  folderId: string;
  after: { key: string; id: string } | null;
}

export async function nextFrontierFolder(w: DriveTx, rootId: string): Promise<FrontierFolder | undefined> {
  const row = await w.tx
    .selectFrom('search_mark_frontier')
    .select(['folder_id', 'after_name', 'after_id'])
    .where('drive_id', '=', w.driveId)
    .where('root_id', '=', rootId)
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const after = row.after_name !== null && row.after_id !== null ? { key: row.after_name, id: row.after_id } : null;
  return { folderId: row.folder_id, after };
}

export async function addFrontier(w: DriveTx, rootId: string, folderIds: string[]): Promise<void> {
  if (folderIds.length === 0) return;
  await w.tx
    .insertInto('search_mark_frontier')
    .values(folderIds.map((folder_id) => ({ drive_id: w.driveId, root_id: rootId, folder_id, after_name: null, after_id: null })))
    .onConflict((oc) => oc.columns(['drive_id', 'root_id', 'folder_id']).doNothing())
    .execute();
}

/** Moves a frontier folder past `after`, or drops it once all its children are marked (null). */
export async function advanceFrontier(w: DriveTx, rootId: string, folderId: string, after: { key: string; id: string } | null): Promise<void> {
  const keyed = { drive_id: w.driveId, root_id: rootId, folder_id: folderId };
  if (after === null) {
    await w.tx.deleteFrom('search_mark_frontier').where((eb) => eb.and(keyed)).execute();
  } else {
    await w.tx.updateTable('search_mark_frontier').set({ after_name: after.key, after_id: after.id }).where((eb) => eb.and(keyed)).execute();
  }
}

/**
 * Marks up to `limit` children of `folderId` (in live-children index order, after
 * `after`) as under `rootId`. Trash roots below are not children in this sense: they
 * keep their own subtree. Returns what it read, so the caller can go deeper and advance.
 */
export async function markChildren(
  w: DriveTx,
  input: { rootId: string; folderId: string; after: { key: string; id: string } | null; limit: number },
): Promise<{ id: string; name: string; type: 'file' | 'folder' }[]> {
  let query = w.tx
    .selectFrom('entries')
    .select(['id', 'name', 'type'])
    .where('drive_id', '=', w.driveId)
    .where('parent_id', '=', input.folderId)
    .where('trashed_at', 'is', null);
  const after = input.after;
  if (after) query = query.where((eb) => keysetAfter(eb, 'name', 'id', after, 'asc'));
  const children = await query.orderBy('name').orderBy('id').limit(input.limit).execute();
  if (children.length === 0) return children;
  await w.tx
    .updateTable('entries')
    .set({ binned_under: input.rootId })
    .where('drive_id', '=', w.driveId)
    .where('id', 'in', children.map((c) => c.id))
    .execute();
  return children;
}

/** Clears up to `limit` marks naming `rootId`; returns how many. */
export async function unmarkSome(w: DriveTx, rootId: string, limit: number): Promise<number> {
  const ids = w.tx
    .selectFrom('entries')
    .select('id')
    .where('drive_id', '=', w.driveId)
    .where('binned_under', '=', rootId)
    .limit(limit);
  const result = await w.tx
    .updateTable('entries')
    .set({ binned_under: null })
    .where('drive_id', '=', w.driveId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * What `id` is now, for the marking work queued for it: a trash root in the bin, a trash
 * root a delete job is purging, or neither (purged, or restored).
 */
export async function trashRootState(w: DriveTx, id: string): Promise<'binned' | 'purging' | 'gone'> {
  const row = await w.tx
    .selectFrom('entries')
    .select('purge_job_id')
    .where('drive_id', '=', w.driveId)
    .where('id', '=', id)
    .where('trashed_at', 'is not', null)
    .executeTakeFirst();
  if (!row) return 'gone';
  return row.purge_job_id === null ? 'binned' : 'purging';
}
