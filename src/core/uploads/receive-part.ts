import type { Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import { getDrive } from '../../store/repositories/drives.repository.js';
import { getEntry } from '../../store/repositories/entries.repository.js';
import { forgetBlobDeletions, queueBlobsForDeletion } from '../../store/repositories/purge.repository.js';
import { getPart, partBytes, putPart, type UploadPart } from '../../store/repositories/upload-parts.repository.js';
import { holdOpenUpload, type Upload } from '../../store/repositories/uploads.repository.js';
import type { CoreContext } from '../context.js';
import { freeBytes, quotaExceeded } from '../entries/create-file.js';
import type { Drive } from '../types.js';
import { stageBody } from './stage-body.js';
import { sizeMismatch, uploadNotOpen } from './upload-errors.js';
import { publishCommitted } from '../blobs/publish-committed.js';

/**
 * One part of a multipart upload: streamed to its own staged blob, recorded, then
 * published. Unlike a single-part URL, a part URL may be used again until complete (as
 * OSS's UploadPart): the new bytes replace the part and the old blob is freed. The parts
 * together may never pass the declared size, or the free quota when none was declared.
 */
export async function receivePart(
  ctx: CoreContext,
  target: { upload: Upload; drive: Drive; partNumber: number },
  content: Readable,
): Promise<{ etag: string; size: number }> {
  const { upload, partNumber } = target;
  const limitOf = (drive: Drive) => upload.declaredSize ?? freeBytes(drive);
  const tooMany = (drive: Drive) => (upload.declaredSize !== null ? sizeMismatch(upload.declaredSize) : quotaExceeded(drive));
  const limit = limitOf(target.drive);
  // What the other parts left: a first bound while streaming; the exact one is checked
  // again under the upload's lock, as parts may arrive in parallel.
  const room = limit < 0 ? -1 : Math.max(0, limit - (await partBytes(ctx.store.db, upload.id, partNumber)));
  let staged: StagedBlob;
  try {
    staged = await stageBody(ctx, content, room);
  } catch (err) {
    throw err instanceof BlobTooLargeError ? tooMany(target.drive) : err;
  }
  let replaced: UploadPart | undefined;
  try {
    await ctx.store.transaction(async (tx) => {
      const now = ctx.clock.now();
      const entry = await getEntry(tx, upload.driveId, upload.fileId);
      if (!(await holdOpenUpload(tx, upload.id, now)) || !entry || entry.status !== 'uploading') {
        throw uploadNotOpen(upload.id, 'has been completed');
      }
      const drive = (await getDrive(tx, upload.driveId)) ?? target.drive;
      const total = (await partBytes(tx, upload.id, partNumber)) + staged.size;
      if (limitOf(drive) >= 0 && total > limitOf(drive)) throw tooMany(drive);
      replaced = await getPart(tx, upload.id, partNumber);
      await putPart(tx, upload.id, { partNumber, blobId: staged.blobId, size: staged.size, etag: staged.sha1 }, now);
      // Queued with the commit, so a crash before the file is removed still frees it.
      if (replaced) await queueBlobsForDeletion(tx, [replaced.blobId], now);
    });
  } catch (err) {
    await ctx.blobs.discard(staged.blobId);
    throw err;
  }
  await publishCommitted(ctx, staged.blobId);
  if (replaced) {
    await ctx.blobs.delete(replaced.blobId);
    await forgetBlobDeletions(ctx.store.db, [replaced.blobId]);
  }
  return { etag: staged.sha1, size: staged.size };
}
