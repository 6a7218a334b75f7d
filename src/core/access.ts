import { getDrive, lockDrive } from '../store/repositories/drives.repository.js';
import type { Db, StoreCapabilities } from '../store/store.js';
import { DomainError } from './errors.js';
import { checkId } from './ids.js';
import { locate, type Location } from './tree/locate.js';
import type { Actor, Drive } from './types.js';

export const driveNotFound = (id: string): DomainError =>
  new DomainError('DriveNotFound', `The specified drive ${id} does not exist.`, { id, param: 'drive_id' });

export const entryNotFound = (id: string): DomainError =>
  new DomainError('EntryNotFound', `The specified file ${id} does not exist.`, { id, param: 'file_id' });

export const canSee = (actor: Actor, drive: Drive): boolean => actor.isAdmin || drive.ownerId === actor.userId;

/**
 * The drive, if the actor may see it. Another user's drive is answered exactly like a
 * missing one, so ids leak nothing. With `lock`, the row is held for the transaction.
 */
export async function requireDrive(
  db: Db,
  actor: Actor,
  driveId: unknown,
  lock?: StoreCapabilities,
): Promise<Drive> {
  const id = checkId(driveId, 'drive_id');
  const drive = lock ? await lockDrive(db, lock, id) : await getDrive(db, id);
  if (!drive || drive.status !== 'enabled' || !canSee(actor, drive)) throw driveNotFound(id);
  return drive;
}

/** A live entry, or EntryNotFound (a trashed one is as absent as a missing one). */
export async function requireLive(db: Db, drive: Drive, entryId: unknown, param = 'file_id') {
  const id = checkId(entryId, param);
  const where = await locate(db, drive, id);
  if (where.state !== 'live') throw new DomainError('EntryNotFound', `The specified file ${id} does not exist.`, { id, param });
  return where;
}

/** A live folder, for a destination; TargetNotFound otherwise. */
export async function requireLiveFolder(db: Db, drive: Drive, folderId: unknown, param: string) {
  const id = checkId(folderId, param);
  const where = await locate(db, drive, id);
  if (where.state !== 'live' || where.chain[0]?.type !== 'folder') {
    throw new DomainError('TargetNotFound', `The specified folder ${id} does not exist.`, { id, param });
  }
  return where as Extract<Location, { state: 'live' }>;
}
