import { getDrive } from '../store/repositories/drives.repository.js';
import type { Db, DriveTx } from '../store/store.js';
import type { CoreContext } from './context.js';
import { DomainError, type DomainField } from './errors.js';
import { isId } from './ids.js';
import { locate, type Location } from './tree/locate.js';
import type { Actor, Drive } from './types.js';

export const driveNotFound = (id: string): DomainError =>
  new DomainError('DriveNotFound', `drive ${id} does not exist`, { id, field: 'driveId' });

export const entryNotFound = (id: string, field: DomainField = 'fileId'): DomainError =>
  new DomainError('EntryNotFound', `entry ${id} does not exist`, { id, field });

export const targetNotFound = (id: string, field: DomainField): DomainError =>
  new DomainError('TargetNotFound', `folder ${id} does not exist`, { id, field });

export const canSee = (actor: Actor, drive: Pick<Drive, 'ownerId'>): boolean => actor.isAdmin || drive.ownerId === actor.userId;

const visible = (actor: Actor, drive: Drive | undefined): drive is Drive =>
  drive !== undefined && drive.status === 'enabled' && canSee(actor, drive);

/**
 * The drive, if the actor may see it (for reads). Another user's drive is answered exactly
 * like a missing one, so ids leak nothing.
 */
export async function requireDrive(db: Db, actor: Actor, driveId: string): Promise<Drive> {
  // An id that breaks the id rule names no drive; it never reaches the database.
  const drive = isId(driveId) ? await getDrive(db, driveId) : undefined;
  if (!visible(actor, drive)) throw driveNotFound(driveId);
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
  input: { actor: Actor; driveId: string },
  fn: (w: OpenDriveTx) => Promise<T>,
): Promise<T> {
  if (!isId(input.driveId)) throw driveNotFound(input.driveId);
  return ctx.store.writeDrive(input.driveId, async (w) => {
    if (!visible(input.actor, w.drive)) throw driveNotFound(input.driveId);
    return fn(w as OpenDriveTx);
  });
}

/** Which entry of which drive, and the input field that named it (for the error). */
export interface EntryRef {
  drive: Drive;
  id: string;
  field: DomainField;
}

/** A live entry, or EntryNotFound (a trashed one is as absent as a missing one). */
export async function requireLive(db: Db, ref: EntryRef) {
  const where = await locate(db, ref.drive, ref.id);
  if (where.state !== 'live') throw entryNotFound(ref.id, ref.field);
  return where;
}

/** A live folder, for a destination; TargetNotFound otherwise. */
export async function requireLiveFolder(db: Db, ref: EntryRef) {
  const where = await locate(db, ref.drive, ref.id);
  if (where.state !== 'live' || where.chain[0]?.type !== 'folder') throw targetNotFound(ref.id, ref.field);
  return where as Extract<Location, { state: 'live' }>;
}
