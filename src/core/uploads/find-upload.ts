import { getUpload, type Upload } from '../../store/repositories/uploads.repository.js';
import type { Db } from '../../store/store.js';
import { requireLive } from '../access.js';
import { DomainError } from '../errors.js';
import { isId } from '../ids.js';
import type { Drive } from '../types.js';

export interface UploadRef {
  driveId: string;
  fileId: string;
  uploadId: string;
}

/**
 * The upload a client names, after the checks every upload call makes on a drive the
 * actor may see (the caller has it): the file is live, and the upload is this file's.
 */
export async function requireUpload(db: Db, drive: Drive, ref: UploadRef) {
  const { uploadId } = ref;
  const where = await requireLive(db, { drive, id: ref.fileId, field: 'fileId' });
  const fileId = where.chain[0]!.id;
  const upload: Upload | undefined = isId(uploadId) ? await getUpload(db, uploadId) : undefined;
  if (!upload || upload.driveId !== drive.id || upload.fileId !== fileId) {
    const reason = `is not an upload of file ${fileId}`;
    throw new DomainError('InvalidParameter', `uploadId ${reason}`, { field: 'uploadId', id: uploadId, reason });
  }
  return { drive, where, fileId, upload };
}
