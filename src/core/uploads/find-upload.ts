import { getUpload, type Upload } from '../../store/repositories/uploads.repository.js';
import type { Db } from '../../store/store.js';
import { requireLive } from '../access.js';
import { DomainError } from '../errors.js';
import { checkId } from '../ids.js';
import type { Drive } from '../types.js';

export interface UploadRef {
  driveId: unknown;
  fileId: unknown;
  uploadId: unknown;
}

/**
 * The upload a client names, after the checks every upload call makes on a drive the
 * actor may see (the caller has it): the file is live, and the upload is this file's.
 */
export async function requireUpload(db: Db, drive: Drive, ref: UploadRef) {
  const uploadId = checkId(ref.uploadId, 'upload_id');
  const where = await requireLive(db, drive, ref.fileId);
  const fileId = where.chain[0]!.id;
  const upload: Upload | undefined = await getUpload(db, uploadId);
  if (!upload || upload.driveId !== drive.id || upload.fileId !== fileId) {
    throw new DomainError('InvalidParameter', `The input parameter upload_id is not valid for file ${fileId}.`, {
      param: 'upload_id',
    });
  }
  return { drive, where, fileId, upload };
}
