import { reserveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import { advanceUpload, getUpload } from '../../store/repositories/uploads.repository.js';
import { requireDrive, requireLive } from '../access.js';
import type { CoreContext } from '../context.js';
import { quotaExceeded } from '../entries/create-file.js';
import { DomainError } from '../errors.js';
import { checkId } from '../ids.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { uploadNotOpen } from './upload-errors.js';

/**
 * Commits an upload: the bytes are reserved against the quota in the same transaction that
 * makes the file `available`, so over quota nothing changes (the content stays staged and
 * complete can be retried once space is freed). A repeated complete answers the file again.
 */
export async function completeUpload(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: unknown; fileId: unknown; uploadId: unknown },
): Promise<Entry> {
  const uploadId = checkId(input.uploadId, 'upload_id');
  return ctx.store.transaction(async (tx) => {
    const drive = await requireDrive(tx, actor, input.driveId, ctx.store.capabilities);
    const where = await requireLive(tx, drive, input.fileId);
    const fileId = where.chain[0]!.id;
    const upload = await getUpload(tx, uploadId);
    if (!upload || upload.driveId !== drive.id || upload.fileId !== fileId) {
      throw new DomainError('InvalidParameter', `The input parameter upload_id is not valid for file ${fileId}.`, {
        param: 'upload_id',
      });
    }
    if (upload.state === 'completed') return (await getEntry(tx, drive.id, fileId))!;
    if (upload.state === 'open' || upload.size === null) throw uploadNotOpen(uploadId, 'has no content yet: PUT it to the upload URL first');
    if (!(await reserveBytes(tx, drive.id, upload.size))) throw quotaExceeded(drive);
    const now = ctx.clock.now();
    await updateEntry(tx, drive.id, fileId, {
      status: 'available',
      size: upload.size,
      content_hash: upload.contentHash ?? '',
      tree_bytes: upload.size,
      updated_at: now,
      changed_at: now,
    });
    await addToTree(tx, drive.id, chainIds(where.chain.slice(1)), upload.size, 0);
    await advanceUpload(tx, uploadId, 'received', { state: 'completed', updated_at: now });
    return (await getEntry(tx, drive.id, fileId))!;
  });
}
