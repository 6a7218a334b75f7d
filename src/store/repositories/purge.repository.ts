import type { Db, DriveTx } from '../store.js';

/**
 * What a purge shares with other deletes: detaching nested trash roots, deleting entries,
 * and the queue of blobs to remove from disk. A purge batch itself is `purgeBatch`
 * (purge-batch.repository.ts).
 */

/**
 * Trash roots kept inside a folder that is about to go: they stay in the bin, detached,
 * and are restored under root later (SPEC section 2, permanent delete).
 */
export async function detachTrashedChildren(w: DriveTx, parentIds: string[]): Promise<void> {
  if (parentIds.length === 0) return;
  await w.tx
    .updateTable('entries')
    .set({ parent_id: null })
    .where('drive_id', '=', w.driveId)
    .where('parent_id', 'in', parentIds)
    .where('trashed_at', 'is not', null)
    .execute();
}

export async function deleteEntries(w: DriveTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await w.tx.deleteFrom('entries').where('drive_id', '=', w.driveId).where('id', 'in', ids).execute();
  // Their WebDAV dead properties go with them: a range of the primary key per entry.
  await w.tx.deleteFrom('dead_properties').where('drive_id', '=', w.driveId).where('entry_id', 'in', ids).execute();
}

/** Blobs whose entries are gone; removed from disk after the commit that freed them. */
export async function queueBlobsForDeletion(db: Db, blobIds: string[], at: number): Promise<void> {
  if (blobIds.length === 0) return;
  await db
    .insertInto('blob_gc')
    .values(blobIds.map((blob_id) => ({ blob_id, created_at: at })))
    .onConflict((oc) => oc.column('blob_id').doNothing())
    .execute();
}

export async function pendingBlobDeletions(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('blob_gc').select('blob_id').orderBy('created_at').limit(limit).execute();
  return rows.map((r) => r.blob_id);
}

export async function forgetBlobDeletions(db: Db, blobIds: string[]): Promise<void> {
  if (blobIds.length === 0) return;
  await db.deleteFrom('blob_gc').where('blob_id', 'in', blobIds).execute();
}

/**
 * Which of these blob ids some entry or received upload part still references (startup
 * recovery of uploads: those are published, the rest removed).
 */
export async function referencedBlobs(db: Db, blobIds: string[]): Promise<Set<string>> {
  if (blobIds.length === 0) return new Set();
  const rows = await db.selectFrom('entries').select('blob_id').where('blob_id', 'in', blobIds).execute();
  const parts = await db.selectFrom('upload_parts').select('blob_id').where('blob_id', 'in', blobIds).execute();
  return new Set([...rows.map((r) => r.blob_id as string), ...parts.map((r) => r.blob_id)]);
}
