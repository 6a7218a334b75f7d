import type { StagedBlob } from '../../blobs/local-blob-store.js';
import { reserveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { forgetBlobDeletions, queueBlobsForDeletion } from '../../store/repositories/purge.repository.js';
import { allParts, deleteParts, type UploadPart } from '../../store/repositories/upload-parts.repository.js';
import { advanceUpload } from '../../store/repositories/uploads.repository.js';
import { requireDrive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { freeBytes, quotaExceeded } from '../entries/create-file.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { requireUpload, type UploadRef } from './find-upload.js';
import { partsChanged, partsMissing, sizeMismatch, uploadNotOpen } from './upload-errors.js';
import { publishCommitted } from '../blobs/publish-committed.js';

/** Part numbers 1..count that have not been received. */
function missingParts(parts: UploadPart[], count: number): number[] {
  const have = new Set(parts.map((p) => p.partNumber));
  const missing: number[] = [];
  for (let n = 1; n <= count; n++) if (!have.has(n)) missing.push(n);
  return missing;
}

const sameParts = (a: UploadPart[], b: UploadPart[]) =>
  a.length === b.length && a.every((p, i) => p.partNumber === b[i]!.partNumber && p.blobId === b[i]!.blobId);

/**
 * Completes a multipart upload. The parts are joined, in part-number order, into a new
 * staged blob outside any transaction (a copy of the whole file takes a while, and holds no
 * lock meanwhile); then one transaction checks the parts did not change, reserves the
 * quota and makes the file available, exactly as for one part, and queues the part blobs
 * for deletion. The joined blob is published, and the parts removed, after the commit; a
 * refused complete discards the joined blob and leaves the parts, so it can be retried.
 */
export async function completeMultipartUpload(ctx: CoreContext, actor: Actor, input: UploadRef): Promise<Entry> {
  const { db } = ctx.store;
  // Everything that can refuse is checked first, so a refused complete costs no copy.
  const pre = await requireUpload(db, await requireDrive(db, { actor, driveId: input.driveId, need: 'editor' }), input);
  if (pre.upload.state === 'completed') return (await getEntry(db, pre.upload.driveId, pre.fileId))!;
  const parts = await allParts(db, pre.upload.id);
  const missing = missingParts(parts, pre.upload.partCount);
  if (missing.length > 0) throw partsMissing(missing);
  const total = parts.reduce((sum, p) => sum + p.size, 0);
  if (pre.upload.declaredSize !== null && total !== pre.upload.declaredSize) throw sizeMismatch(pre.upload.declaredSize);
  const free = freeBytes(pre.drive);
  if (free >= 0 && total > free) throw quotaExceeded(pre.drive);

  let joined: StagedBlob;
  try {
    joined = await ctx.blobs.concat(parts.map((p) => p.blobId));
  } catch (err) {
    // A part PUT again meanwhile frees the blob being read: say so, rather than fail.
    if (!sameParts(parts, await allParts(db, pre.upload.id))) throw partsChanged(pre.upload.id);
    throw err;
  }
  let done: { entry: Entry; freed: string[]; won: boolean };
  try {
    if (joined.size !== total) throw partsChanged(pre.upload.id);
    done = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
      const { tx, drive } = w;
      const { where, fileId, upload } = await requireUpload(tx, drive, input);
      if (upload.state === 'completed') return { entry: (await getEntry(tx, drive.id, fileId))!, freed: [], won: false };
      const now = ctx.clock.now();
      // The guarded move to `completed` also locks the upload: a part PUT racing with this
      // complete either committed before (and is seen below) or is refused after.
      if (!(await advanceUpload(tx, upload.id, 'open', { state: 'completed', blob_id: joined.blobId, size: total, content_hash: joined.sha1, updated_at: now }))) {
        throw uploadNotOpen(upload.id, 'has been completed');
      }
      if (!sameParts(parts, await allParts(tx, upload.id))) throw partsChanged(upload.id);
      if (!(await reserveBytes(w, total))) throw quotaExceeded(drive);
      await updateEntry(w, fileId, {
        status: 'available',
        size: total,
        content_hash: joined.sha1,
        // From here the entry references the joined blob: crash recovery publishes it.
        blob_id: joined.blobId,
        tree_bytes: total,
        updated_at: now,
        changed_at: now,
        modified_by: actor.userId,
      });
      await addToTree(w, chainIds(where.chain.slice(1)), { bytes: total, count: 0 });
      const freed = await deleteParts(tx, upload.id);
      await queueBlobsForDeletion(tx, freed, now);
      return { entry: (await getEntry(tx, drive.id, fileId))!, freed, won: true };
    });
  } catch (err) {
    await ctx.blobs.discard(joined.blobId);
    throw err;
  }
  if (!done.won) {
    // Another complete of the same upload won the race; this copy is not needed.
    await ctx.blobs.discard(joined.blobId);
    return done.entry;
  }
  await publishCommitted(ctx, joined.blobId);
  await ctx.blobs.deleteMany(done.freed);
  await forgetBlobDeletions(ctx.store.db, done.freed);
  return done.entry;
}
