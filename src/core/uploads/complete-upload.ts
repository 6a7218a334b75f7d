import { reserveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { advanceUpload, getUpload } from '../../store/repositories/uploads.repository.js';
import { writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { quotaExceeded } from '../entries/create-file.js';
import { isId } from '../ids.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry, NamedEntry } from '../types.js';
import { withActorNamesOf } from '../users/actor-names.js';
import { completeMultipartUpload } from './complete-multipart.js';
import { requireUpload, type UploadRef } from './find-upload.js';
import { uploadNotOpen } from './upload-errors.js';

/**
 * Commits an upload: the bytes are reserved against the quota in the same transaction that
 * makes the file `available`, so over quota nothing changes (the content stays staged and
 * complete can be retried once space is freed). A repeated complete answers the file again.
 * A multipart upload first joins its parts (completeMultipartUpload).
 */
export async function completeUpload(ctx: CoreContext, actor: Actor, input: UploadRef): Promise<NamedEntry> {
  return withActorNamesOf(ctx.store.db, await commitUpload(ctx, actor, input));
}

async function commitUpload(ctx: CoreContext, actor: Actor, input: UploadRef): Promise<Entry> {
  const { uploadId } = input;
  const peek = isId(uploadId) ? await getUpload(ctx.store.db, uploadId) : undefined;
  if (peek && peek.partCount > 1) return completeMultipartUpload(ctx, actor, input);
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const { tx, drive } = w;
    const { where, fileId, upload } = await requireUpload(tx, drive, input);
    if (upload.state === 'completed') return (await getEntry(tx, drive.id, fileId))!;
    if (upload.state === 'open' || upload.size === null) throw uploadNotOpen(uploadId, 'has no content yet: send it to its upload URL first');
    if (!(await reserveBytes(w, upload.size))) throw quotaExceeded(drive);
    const now = ctx.clock.now();
    await updateEntry(w, fileId, {
      status: 'available',
      size: upload.size,
      content_hash: upload.contentHash ?? '',
      tree_bytes: upload.size,
      updated_at: now,
      changed_at: now,
      modified_by: actor.userId,
    });
    await addToTree(w, chainIds(where.chain.slice(1)), { bytes: upload.size, count: 0 });
    await advanceUpload(tx, uploadId, 'received', { state: 'completed', updated_at: now });
    return (await getEntry(tx, drive.id, fileId))!;
  });
}
