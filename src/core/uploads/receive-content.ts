import type { Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import { getDrive } from '../../store/repositories/drives.repository.js';
import { getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { advanceUpload, getUpload } from '../../store/repositories/uploads.repository.js';
import { driveNotFound } from '../access.js';
import type { CoreContext } from '../context.js';
import { quotaExceeded } from '../entries/create-file.js';
import { receivePart } from './receive-part.js';
import { stageBody } from './stage-body.js';
import { sizeMismatch, uploadNotOpen, uploadUrlRefused } from './upload-errors.js';
import { type UploadUrlGrant, verifyUploadUrl } from './upload-url.js';
import { uploadRoom } from './upload-room.js';
import { publishCommitted } from '../blobs/publish-committed.js';

/**
 * The PUT to an upload URL: the URL itself is the credential. The bytes stream to a staged
 * blob (never held in memory), then one guarded update records them, so of two PUTs racing
 * on one URL exactly one wins and a used URL is refused. A refused PUT changes nothing and
 * leaves the URL usable until it expires. Parts of a multipart upload go to receivePart.
 */
export async function receiveUploadContent(
  ctx: CoreContext,
  grant: UploadUrlGrant,
  content: Readable,
): Promise<{ etag: string; size: number }> {
  const refuse = (err: Error): never => {
    content.resume(); // let the rest of the body drain; nothing is kept
    throw err;
  };
  if (!(await verifyUploadUrl(ctx, grant))) refuse(uploadUrlRefused('is not valid'));
  if (grant.expiresAt <= ctx.clock.now()) refuse(uploadUrlRefused('has expired'));
  const upload = await getUpload(ctx.store.db, grant.uploadId);
  if (upload && upload.partCount > 1) {
    if (upload.state !== 'open') return refuse(uploadNotOpen(upload.id, 'has been completed'));
    const drive = await getDrive(ctx.store.db, upload.driveId);
    if (!drive || drive.status !== 'enabled') return refuse(driveNotFound(upload.driveId));
    if (grant.partNumber > upload.partCount) return refuse(uploadUrlRefused('names a part this upload does not have'));
    return receivePart(ctx, { upload, drive, partNumber: grant.partNumber }, content);
  }
  if (!upload || upload.state !== 'open') return refuse(uploadNotOpen(grant.uploadId, 'has already received its content'));
  const drive = await getDrive(ctx.store.db, upload.driveId);
  if (!drive || drive.status !== 'enabled') return refuse(driveNotFound(upload.driveId));
  // The bytes of other uploads not completed take room too: a first bound while streaming,
  // checked again under the drive's lock, as other uploads may commit meanwhile.
  const room = await uploadRoom(ctx.store.db, drive);
  if (upload.declaredSize !== null && room >= 0 && upload.declaredSize > room) refuse(quotaExceeded(drive));

  let staged: StagedBlob;
  try {
    staged = await stageBody(ctx, content, upload.declaredSize ?? room);
  } catch (err) {
    if (err instanceof BlobTooLargeError) {
      throw upload.declaredSize !== null ? sizeMismatch(upload.declaredSize) : quotaExceeded(drive);
    }
    throw err;
  }
  if (upload.declaredSize !== null && staged.size !== upload.declaredSize) {
    await ctx.blobs.discard(staged.blobId);
    throw sizeMismatch(upload.declaredSize);
  }
  try {
    await ctx.store.writeDrive(upload.driveId, async (w) => {
      const { tx } = w;
      const room = w.drive ? await uploadRoom(tx, w.drive) : -1;
      if (room >= 0 && staged.size > room) throw quotaExceeded(w.drive ?? drive);
      const entry = await getEntry(tx, upload.driveId, upload.fileId);
      const won = await advanceUpload(tx, upload.id, 'open', {
        state: 'received',
        blob_id: staged.blobId,
        size: staged.size,
        content_hash: staged.sha1,
        updated_at: ctx.clock.now(),
      });
      if (!won || !entry || entry.status !== 'uploading') throw uploadNotOpen(upload.id, 'has already received its content');
      // The entry references the blob from now on: crash recovery publishes it, and a
      // purge of the unfinished entry frees it.
      await updateEntry(w, upload.fileId, { blob_id: staged.blobId });
    });
  } catch (err) {
    await ctx.blobs.discard(staged.blobId);
    throw err;
  }
  await publishCommitted(ctx, staged.blobId);
  return { etag: staged.sha1, size: staged.size };
}
