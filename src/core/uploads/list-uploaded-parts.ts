import { listParts } from '../../store/repositories/upload-parts.repository.js';
import type { CoreContext } from '../context.js';
import { checkRange } from '../errors.js';
import type { Actor } from '../types.js';
import { requireDrive } from '../access.js';
import { requireUpload, type UploadRef } from './find-upload.js';
import { MAX_PARTS } from './part-list.js';
import { uploadNotOpen } from './upload-errors.js';

export interface UploadedPart {
  partNumber: number;
  size: number;
  /** SHA-1 of the part, upper-case hex: the ETag its PUT answered. */
  etag: string;
}

/**
 * The parts an unfinished upload has received, in part-number order, a page at a time
 * (PDS ListUploadedParts), so a client can resume by sending only the others. A
 * single-part upload shows part 1 once its content came.
 */
export async function listUploadedParts(
  ctx: CoreContext,
  actor: Actor,
  input: UploadRef & { after?: number; limit: number },
): Promise<{ uploadId: string; fileId: string; parts: UploadedPart[]; nextAfter: number | undefined }> {
  const after = checkRange('after', input.after ?? 0, { min: 0, max: MAX_PARTS });
  const { db } = ctx.store;
  const { upload } = await requireUpload(db, await requireDrive(db, { actor, driveId: input.driveId, need: 'editor' }), input);
  if (upload.state === 'completed') throw uploadNotOpen(upload.id, 'has been completed');
  const page = { uploadId: upload.id, fileId: upload.fileId };
  if (upload.partCount === 1) {
    const received = upload.state === 'received' && upload.size !== null && after < 1;
    const parts = received ? [{ partNumber: 1, size: upload.size!, etag: upload.contentHash ?? '' }] : [];
    return { ...page, parts, nextAfter: undefined };
  }
  const rows = await listParts(ctx.store.db, upload.id, after, input.limit + 1);
  const parts = rows.slice(0, input.limit).map((p) => ({ partNumber: p.partNumber, size: p.size, etag: p.etag }));
  return { ...page, parts, nextAfter: rows.length > input.limit ? parts.at(-1)!.partNumber : undefined };
}
