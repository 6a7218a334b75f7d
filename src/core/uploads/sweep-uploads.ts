import { addToTree, getEntry } from '../../store/repositories/entries.repository.js';
import { deleteEntries, forgetBlobDeletions, queueBlobsForDeletion } from '../../store/repositories/purge.repository.js';
import { deleteParts } from '../../store/repositories/upload-parts.repository.js';
import { deleteUpload, expiredUploads } from '../../store/repositories/uploads.repository.js';
import type { CoreContext } from '../context.js';
import { chainIds, locate } from '../tree/locate.js';

/** Unfinished uploads are kept a day past their URL's expiry (complete may still come). */
export const UPLOAD_KEEP_MS = 24 * 3600_000;
const BATCH = 100;

/**
 * Housekeeping: forgets old upload records and removes the `uploading` entries that were
 * never completed, with any content they received. An unfinished entry that went to the
 * bin is left to the bin's own purge, which frees its content like any other file's. The
 * received parts of a multipart upload go with its record in every case: nothing but
 * the record could ever join them into a file.
 */
export async function sweepUploads(ctx: CoreContext): Promise<void> {
  const cutoff = ctx.clock.now() - UPLOAD_KEEP_MS;
  for (;;) {
    const batch = await expiredUploads(ctx.store.db, cutoff, BATCH);
    for (const upload of batch) {
      const freed = await ctx.store.writeDrive(upload.driveId, async (w) => {
        const { tx, drive } = w;
        const entry = upload.state === 'completed' ? undefined : await getEntry(tx, upload.driveId, upload.fileId);
        const where = drive && entry?.status === 'uploading' ? await locate(tx, drive, entry.id) : undefined;
        if (entry && where?.state === 'live') {
          await deleteEntries(w, [entry.id]);
          await addToTree(w, chainIds(where.chain.slice(1)), { bytes: 0, count: -1 });
          await queueBlobsForDeletion(tx, entry.blobId ? [entry.blobId] : [], ctx.clock.now());
        }
        // The record goes first: its row lock makes a part PUT still in flight either
        // commit before (its part is freed below) or find no upload after.
        await deleteUpload(tx, upload.id);
        const parts = await deleteParts(tx, upload.id);
        await queueBlobsForDeletion(tx, parts, ctx.clock.now());
        return parts;
      });
      await ctx.blobs.deleteMany(freed);
      await forgetBlobDeletions(ctx.store.db, freed);
    }
    if (batch.length < BATCH) return;
  }
}
