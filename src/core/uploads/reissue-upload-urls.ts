import { extendUpload } from '../../store/repositories/uploads.repository.js';
import { writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { invalidInput } from '../errors.js';
import type { Actor } from '../types.js';
import { requireUpload, type UploadRef } from './find-upload.js';
import { checkParts, highestPart, type PartRequest, type PartUrl, signPartUrls } from './part-list.js';
import { uploadNotOpen } from './upload-errors.js';
import { UPLOAD_MAX_AGE_MS, UPLOAD_URL_TTL_MS } from './upload-url.js';

/**
 * New signed URLs for parts of an unfinished upload (PDS GetUploadUrl), e.g. after the
 * first ones expired. The upload is kept until the new URLs expire too. A multipart upload
 * may ask for parts past those named at create: it then has that many parts, and complete
 * waits for all of them. A single-part upload has only part 1. No URL outlives the
 * upload's maximum age (UPLOAD_MAX_AGE_MS), so an upload cannot be kept open for ever.
 */
export async function reissueUploadUrls(
  ctx: CoreContext,
  actor: Actor,
  input: UploadRef & { parts?: readonly PartRequest[] },
): Promise<{ uploadId: string; fileId: string; driveId: string; createdAt: number; parts: PartUrl[] }> {
  const parts = checkParts(input.parts);
  const now = ctx.clock.now();
  let expiresAt = now + UPLOAD_URL_TTL_MS;
  const upload = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const tx = w.tx;
    const { upload } = await requireUpload(tx, w.drive, input);
    if (upload.state === 'completed') throw uploadNotOpen(upload.id, 'has been completed');
    const endOfLife = upload.createdAt + UPLOAD_MAX_AGE_MS;
    if (now >= endOfLife) throw uploadNotOpen(upload.id, 'is too old to be resumed: begin a new upload');
    expiresAt = Math.min(expiresAt, endOfLife);
    const highest = highestPart(parts);
    if (upload.partCount === 1 && highest > 1) {
      throw invalidInput('parts', 'may name only part 1: this upload was created with one part');
    }
    const partCount = Math.max(upload.partCount, highest);
    if (!(await extendUpload(tx, upload.id, { expiresAt: Math.max(expiresAt, upload.expiresAt), partCount, now }))) {
      throw uploadNotOpen(upload.id, 'has been completed');
    }
    return upload;
  });
  // Signed after the commit, as at create.
  return {
    uploadId: upload.id,
    fileId: upload.fileId,
    driveId: upload.driveId,
    createdAt: upload.createdAt,
    parts: await signPartUrls(ctx, { uploadId: upload.id, parts, expiresAt }),
  };
}
