import { PassThrough, type Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import { getDrive } from '../../store/repositories/drives.repository.js';
import { getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { advanceUpload, getUpload } from '../../store/repositories/uploads.repository.js';
import { driveNotFound } from '../access.js';
import type { CoreContext } from '../context.js';
import { freeBytes, quotaExceeded } from '../entries/create-file.js';
import { sizeMismatch, uploadCutOff, uploadNotOpen, uploadUrlRefused } from './upload-errors.js';
import { type UploadUrlGrant, verifyUploadUrl } from './upload-url.js';

/**
 * The PUT to an upload URL: the URL itself is the credential. The bytes stream to a staged
 * blob (never held in memory), then one guarded update records them, so of two PUTs racing
 * on one URL exactly one wins and a used URL is refused. A refused PUT changes nothing and
 * leaves the URL usable until it expires.
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
  if (!upload || upload.state !== 'open') return refuse(uploadNotOpen(grant.uploadId, 'has already received its content'));
  const drive = await getDrive(ctx.store.db, upload.driveId);
  if (!drive || drive.status !== 'enabled') return refuse(driveNotFound(upload.driveId));
  const free = freeBytes(drive);
  if (upload.declaredSize !== null && free >= 0 && upload.declaredSize > free) refuse(quotaExceeded(drive));

  let staged: StagedBlob;
  // Staged through a pass-through: a refused write tears down only that, so the request
  // itself stays open, drains, and its client reads the error instead of a reset.
  const body = new PassThrough();
  // pipe() does not pass on a client that goes away mid-body; without this the staging
  // would wait forever for an end that never comes.
  const cutOff = () => {
    if (!content.readableEnded) body.destroy(uploadCutOff());
  };
  content.once('close', cutOff);
  content.once('error', cutOff);
  content.pipe(body);
  try {
    staged = await ctx.blobs.stage(body, upload.declaredSize ?? free);
  } catch (err) {
    content.unpipe(body);
    content.resume();
    if (err instanceof BlobTooLargeError) {
      throw upload.declaredSize !== null ? sizeMismatch(upload.declaredSize) : quotaExceeded(drive);
    }
    throw content.readableEnded ? err : uploadCutOff();
  } finally {
    content.off('close', cutOff);
    content.off('error', cutOff);
  }
  if (upload.declaredSize !== null && staged.size !== upload.declaredSize) {
    await ctx.blobs.discard(staged.blobId);
    throw sizeMismatch(upload.declaredSize);
  }
  try {
    await ctx.store.transaction(async (tx) => {
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
      await updateEntry(tx, upload.driveId, upload.fileId, { blob_id: staged.blobId });
    });
  } catch (err) {
    await ctx.blobs.discard(staged.blobId);
    throw err;
  }
  await ctx.blobs.publish(staged.blobId);
  return { etag: staged.sha1, size: staged.size };
}
