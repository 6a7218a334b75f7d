import { openUploadBytes } from '../../store/repositories/uploads.repository.js';
import type { Db } from '../../store/store.js';
import { freeBytes } from '../entries/create-file.js';
import { DomainError } from '../errors.js';
import type { Drive } from '../types.js';

/**
 * Room on a drive for more upload bytes: its free quota less what its uploads not yet
 * completed hold on disk (-1: no limit). Received bytes count from the PUT that brought
 * them, not from complete, so a client cannot park more than the quota on the server by
 * never completing (issue 13 item 10). Complete then moves them into used_size.
 */
export async function uploadRoom(db: Db, drive: Drive, except?: { uploadId: string; partNumber: number }): Promise<number> {
  const free = freeBytes(drive);
  if (free < 0) return -1;
  return Math.max(0, free - (await openUploadBytes(db, drive.id, except)));
}

/** The user has `max` uploads begun and not completed, the most allowed. */
export const tooManyOpenUploads = (userId: string, max: number): DomainError =>
  new DomainError('TooManyOpenUploads', `user ${userId} has ${max} uploads not completed`, { id: userId, max });
