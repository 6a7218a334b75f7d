import { getDrive } from '../store/repositories/drives.repository.js';
import type { Db, DriveTx } from '../store/store.js';
import type { CoreContext } from './context.js';
import { DomainError } from './errors.js';
import { checkId } from './ids.js';
import { locate, type Location } from './tree/locate.js';
import type { Actor, Drive } from './types.js';

export const driveNotFound = (id: string): DomainError =>
  new DomainError('DriveNotFound', `The specified drive ${id} does not exist.`, { id, param: 'drive_id' });

export const entryNotFound = (id: string): DomainError =>
  new DomainError('EntryNotFound', `The specified file ${id} does not exist.`, { id, param: 'file_id' });

export const canSee = (actor: Actor, drive: Drive): boolean => actor.isAdmin || drive.ownerId === actor.userId;

const visible = (actor: Actor, drive: Drive | undefined): drive is Drive =>
  drive !== undefined && drive.status === 'enabled' && canSee(actor, drive);

/**
 * The drive, if the actor may see it (for reads). Another user's drive is answered exactly
 * like a missing one, so ids leak nothing.
 */
export async function requireDrive(db: Db, actor: Actor, driveId: unknown): Promise<Drive> {
  const id = checkId(driveId, 'drive_id');
  const drive = await getDrive(db, id);
  if (!visible(actor, drive)) throw driveNotFound(id);
  return drive;
}

/** A write transaction on a drive that exists: its lock is held and `drive` is known. */
export type OpenDriveTx = DriveTx & { readonly drive: Drive };

/**
 * Runs `fn` in a write transaction that holds the lock of drive `driveId`, if the actor may
 * see that drive (DriveNotFound otherwise). Every write a request makes to a drive goes
 * through here, so none can forget the lock or take it out of order.
 */
export async function writeVisibleDrive<T>(
  ctx: CoreContext,
  input: { actor: Actor; driveId: unknown },
  fn: (w: OpenDriveTx) => Promise<T>,
): Promise<T> {
  const id = checkId(input.driveId, 'drive_id');
  return ctx.store.writeDrive(id, async (w) => {
    if (!visible(input.actor, w.drive)) throw driveNotFound(id);
    return fn(w as OpenDriveTx);
  });
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
