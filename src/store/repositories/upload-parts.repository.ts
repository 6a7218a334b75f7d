import { sql } from 'kysely';
import type { Db } from '../store.js';

/** A received part of a multipart upload. */
export interface UploadPart {
  partNumber: number;
  blobId: string;
  size: number;
  etag: string;
}

const toPart = (r: { part_number: number; blob_id: string; size: number; etag: string }): UploadPart => ({
  partNumber: Number(r.part_number),
  blobId: r.blob_id,
  size: Number(r.size),
  etag: r.etag,
});

export async function getPart(db: Db, uploadId: string, partNumber: number): Promise<UploadPart | undefined> {
  const r = await db
    .selectFrom('upload_parts')
    .select(['part_number', 'blob_id', 'size', 'etag'])
    .where('upload_id', '=', uploadId)
    .where('part_number', '=', partNumber)
    .executeTakeFirst();
  return r && toPart(r);
}

/** Records a part, replacing one of the same number (the caller frees the old blob). */
export async function putPart(db: Db, uploadId: string, part: UploadPart, now: number): Promise<void> {
  const values = { part_number: part.partNumber, blob_id: part.blobId, size: part.size, etag: part.etag };
  await db
    .insertInto('upload_parts')
    .values({ upload_id: uploadId, ...values, created_at: now })
    .onConflict((oc) => oc.columns(['upload_id', 'part_number']).doUpdateSet({ ...values, created_at: now }))
    .execute();
}

/** Bytes of the upload's parts, leaving out one part number (the one being replaced). */
export async function partBytes(db: Db, uploadId: string, except: number): Promise<number> {
  const r = await db
    .selectFrom('upload_parts')
    .select(sql<number | string | null>`sum(size)`.as('bytes'))
    .where('upload_id', '=', uploadId)
    .where('part_number', '!=', except)
    .executeTakeFirst();
  return Number(r?.bytes ?? 0);
}

/** Parts after `after`, in part-number order, at most `limit`. */
export async function listParts(db: Db, uploadId: string, after: number, limit: number): Promise<UploadPart[]> {
  const rows = await db
    .selectFrom('upload_parts')
    .select(['part_number', 'blob_id', 'size', 'etag'])
    .where('upload_id', '=', uploadId)
    .where('part_number', '>', after)
    .orderBy('part_number')
    .limit(limit)
    .execute();
  return rows.map(toPart);
}

/** Every part, in order: at most 10,000 small rows, what complete joins. */
export const allParts = (db: Db, uploadId: string): Promise<UploadPart[]> => listParts(db, uploadId, 0, 10_000);

/** Forgets the upload's parts and returns their blobs, for the caller to free after commit. */
export async function deleteParts(db: Db, uploadId: string): Promise<string[]> {
  const rows = await db.selectFrom('upload_parts').select('blob_id').where('upload_id', '=', uploadId).execute();
  await db.deleteFrom('upload_parts').where('upload_id', '=', uploadId).execute();
  return rows.map((r) => r.blob_id);
}
