import type { Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import { getEntry } from '../../store/repositories/entries.repository.js';
import { forgetBlobDeletions, queueBlobsForDeletion } from '../../store/repositories/purge.repository.js';
import { getPart, partBytes, putPart, type UploadPart } from '../../store/repositories/upload-parts.repository.js';
import { holdOpenUpload, type Upload } from '../../store/repositories/uploads.repository.js';
import type { Db } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import { quotaExceeded } from '../entries/create-file.js';
import type { Drive } from '../types.js';
import { stageBody } from './stage-body.js';
import { uploadRoom } from './upload-room.js';
import { sizeMismatch, uploadNotOpen } from './upload-errors.js';
import { publishCommitted } from '../blobs/publish-committed.js';

/**
 * One part of a multipart upload: streamed to its own staged blob, recorded, then
 * published. Unlike a single-part URL, a part URL may be used again until complete (as
 * OSS's UploadPart): the new bytes replace the part and the old blob is freed. The parts
 * together may never pass the declared size, nor the drive's free quota less what other
 * uploads not completed hold.
 */
export async function receivePart(
  ctx: CoreContext,
  target: { upload: Upload; drive: Drive; partNumber: number },
  content: Readable,
): Promise<{ etag: string; size: number }> {
  const { upload, partNumber } = target;
  const except = { uploadId: upload.id, partNumber };
  // Two bounds: the declared size less the other parts (else a size mismatch), and the
  // drive's room less the bytes of every upload not completed, this one's other parts
  // included (else over quota). -1: no bound.
  const bounds = async (db: Db, drive: Drive) => ({
    declared: upload.declaredSize === null ? -1 : Math.max(0, upload.declaredSize - (await partBytes(db, upload.id, partNumber))),
    quota: await uploadRoom(db, drive, except),
  });
  const limitOf = (b: { declared: number; quota: number }) => (b.declared < 0 ? b.quota : b.quota < 0 ? b.declared : Math.min(b.declared, b.quota));
  const tooMany = (b: { declared: number; quota: number }, drive: Drive) =>
    b.declared >= 0 && (b.quota < 0 || b.declared <= b.quota) ? sizeMismatch(upload.declaredSize!) : quotaExceeded(drive);
  // A first bound while streaming; the exact one is checked again under the drive's lock,
  // as parts (of this upload or others) may arrive in parallel.
  const first = await bounds(ctx.store.db, target.drive);
  let staged: StagedBlob;
  try {
    staged = await stageBody(ctx, content, limitOf(first));
  } catch (err) {
    throw err instanceof BlobTooLargeError ? tooMany(first, target.drive) : err;
  }
  let replaced: UploadPart | undefined;
  try {
    // The drive's lock first, then the upload's (the one lock order): quota checks of
    // uploads to one drive happen one after another.
    await ctx.store.writeDrive(upload.driveId, async (w) => {
      const { tx } = w;
      const now = ctx.clock.now();
      const entry = await getEntry(tx, upload.driveId, upload.fileId);
      if (!(await holdOpenUpload(tx, upload.id, now)) || !entry || entry.status !== 'uploading') {
        throw uploadNotOpen(upload.id, 'has been completed');
      }
      const drive = w.drive ?? target.drive;
      const exact = await bounds(tx, drive);
      const limit = limitOf(exact);
      if (limit >= 0 && staged.size > limit) throw tooMany(exact, drive);
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
