import { sql } from 'kysely';
import type { UploadsTable } from '../schema.js';
import type { Db } from '../store.js';

export interface Upload {
  id: string;
  driveId: string;
  fileId: string;
  userId: string;
  declaredSize: number | null;
  state: UploadsTable['state'];
  blobId: string | null;
  size: number | null;
  contentHash: string | null;
  expiresAt: number;
  createdAt: number;
  /** 1: single-part; more: multipart, parts in `upload_parts`. */
  partCount: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export async function insertUpload(db: Db, row: UploadsTable): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

export async function getUpload(db: Db, id: string): Promise<Upload | undefined> {
  const r = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && {
      id: r.id,
      driveId: r.drive_id,
      fileId: r.file_id,
      userId: r.user_id,
      declaredSize: num(r.declared_size),
      state: r.state,
      blobId: r.blob_id,
      size: num(r.size),
      contentHash: r.content_hash,
      expiresAt: Number(r.expires_at),
      createdAt: Number(r.created_at),
      partCount: Number(r.part_count),
    }
  );
}

/**
 * Moves an upload from one state to the next, guarded by the state it must be in: two
 * requests racing on one upload cannot both win. Returns whether this one did.
 */
export async function advanceUpload(
  db: Db,
  id: string,
  from: UploadsTable['state'],
  patch: Partial<Pick<UploadsTable, 'state' | 'blob_id' | 'size' | 'content_hash' | 'updated_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('uploads').set(patch).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Touches an upload that is still `open`, which also takes its row lock until the
 * transaction ends: part PUTs, complete and sweep of one upload then happen one after
 * another, never interleaved. Returns whether the upload was open.
 */
export async function holdOpenUpload(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db.updateTable('uploads').set({ updated_at: now }).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * New URLs were issued: the upload lives until they expire, and a multipart upload may
 * grow to the highest part number asked for. Not once completed.
 */
export async function extendUpload(db: Db, id: string, patch: { expiresAt: number; partCount: number; now: number }): Promise<boolean> {
  const result = await db
    .updateTable('uploads')
    .set({ expires_at: patch.expiresAt, part_count: patch.partCount, updated_at: patch.now })
    .where('id', '=', id)
    .where('state', '!=', 'completed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uploads that expired before `before` (finished or not), a batch at a time. */
export async function expiredUploads(db: Db, before: number, limit: number): Promise<Upload[]> {
  const ids = await db.selectFrom('uploads').select('id').where('expires_at', '<', before).limit(limit).execute();
  const uploads = await Promise.all(ids.map((r) => getUpload(db, r.id)));
  return uploads.filter((u): u is Upload => u !== undefined);
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

/**
 * Bytes on disk for uploads of a drive that are not completed: the content of single-part
 * uploads that received it, while their file still exists (a purge frees that content), and
 * every part of open multipart uploads (only complete or the upload sweep frees parts).
 * `except` leaves out one part, the one a PUT is replacing.
 */
export async function openUploadBytes(db: Db, driveId: string, except?: { uploadId: string; partNumber: number }): Promise<number> {
  const received = await db
    .selectFrom('uploads')
    .innerJoin('entries', (j) => j.onRef('entries.drive_id', '=', 'uploads.drive_id').onRef('entries.id', '=', 'uploads.file_id'))
    .select(sql<number | string | null>`sum(uploads.size)`.as('bytes'))
    .where('uploads.drive_id', '=', driveId)
    .where('uploads.state', '=', 'received')
    .where('entries.status', '=', 'uploading')
    .executeTakeFirst();
  let parts = db
    .selectFrom('upload_parts')
    .innerJoin('uploads', 'uploads.id', 'upload_parts.upload_id')
    .select(sql<number | string | null>`sum(upload_parts.size)`.as('bytes'))
    .where('uploads.drive_id', '=', driveId)
    .where('uploads.state', '=', 'open');
  if (except) {
    parts = parts.where((eb) => eb.not(eb.and([eb('upload_parts.upload_id', '=', except.uploadId), eb('upload_parts.part_number', '=', except.partNumber)])));
  }
  const inParts = await parts.executeTakeFirst();
  return Number(received?.bytes ?? 0) + Number(inParts?.bytes ?? 0);
}

/** Uploads a user has begun and not completed, whose file is still being uploaded. */
export async function countOpenUploads(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('uploads')
    .innerJoin('entries', (j) => j.onRef('entries.drive_id', '=', 'uploads.drive_id').onRef('entries.id', '=', 'uploads.file_id'))
    .select(sql<number | string>`count(*)`.as('n'))
    .where('uploads.user_id', '=', userId)
    .where('uploads.state', '!=', 'completed')
    .where('entries.status', '=', 'uploading')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
