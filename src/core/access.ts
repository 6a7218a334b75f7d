import { memberRole } from '../store/repositories/drive-members.repository.js';
import { findDriveForCaller, getDrive } from '../store/repositories/drives.repository.js';
import { accessTokenHash, actorOfCaller } from './auth/tokens.service.js';
import type { Db, DriveTx } from '../store/store.js';
import type { CoreContext } from './context.js';
import { DomainError, type DomainField } from './errors.js';
import { isId } from './ids.js';
import { locate, type Location } from './tree/locate.js';
import type { Actor, Drive, DriveRole, SeenDrive } from './types.js';

export const driveNotFound = (id: string): DomainError =>
  new DomainError('DriveNotFound', `drive ${id} does not exist`, { id, field: 'driveId' });

export const entryNotFound = (id: string, field: DomainField = 'fileId'): DomainError =>
  new DomainError('EntryNotFound', `entry ${id} does not exist`, { id, field });

export const targetNotFound = (id: string, field: DomainField): DomainError =>
  new DomainError('TargetNotFound', `folder ${id} does not exist`, { id, field });

const RANK: Record<DriveRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** Whether `role` may do what `need` may. */
export const roleAllows = (role: DriveRole, need: DriveRole): boolean => RANK[role] >= RANK[need];

/**
 * The actor's role on a drive, or undefined if they are not to see it. Admins have the
 * owner's rights on every drive; a member's role is read from `db` (in a write, the
 * transaction that holds the drive's lock, so a removal is seen at once).
 */
export async function roleOn(db: Db, actor: Actor, drive: Pick<Drive, 'id' | 'ownerId'>): Promise<DriveRole | undefined> {
  return roleFrom(actor, drive.ownerId, () => memberRole(db, drive.id, actor.userId));
}

/**
 * The same decision as roleOn, for a read that fetched the actor's member role together
 * with the drive (a fused read, one statement): the member role is used only if the actor
 * is neither an admin nor the owner.
 */
export function roleFrom<M extends DriveRole | undefined | Promise<DriveRole | undefined>>(actor: Actor, ownerId: string, member: () => M): DriveRole | M {
  if (actor.isAdmin || ownerId === actor.userId) return 'owner';
  return member();
}

/** A drive the actor sees, but their role on it is not enough for the request. */
export const driveRoleRefused = (driveId: string, need: DriveRole, role: DriveRole): DomainError =>
  new DomainError('ForbiddenDriveRole', `the ${need} role on drive ${driveId} is needed; the actor is ${role}`, { id: driveId, needRole: need, role });

/**
 * The role check itself: no role is DriveNotFound (a drive one may not see is answered
 * exactly like a missing one), too small a role is ForbiddenDriveRole.
 */
export function checkRole(driveId: string, role: DriveRole | undefined, need: DriveRole): DriveRole {
  if (role === undefined) throw driveNotFound(driveId);
  if (!roleAllows(role, need)) throw driveRoleRefused(driveId, need, role);
  return role;
}

/** What a request needs on the drive it names; every caller says it, none can forget. */
export interface Need {
  need: DriveRole;
}

/**
 * The drive with the actor's role on it, if they may see it and the role is at least
 * `need` (for reads; writes go through writeVisibleDrive). Another user's drive is
 * answered exactly like a missing one, so ids leak nothing.
 */
export async function requireDrive(db: Db, { actor, driveId, need }: { actor: Actor; driveId: string } & Need): Promise<SeenDrive> {
  // An id that breaks the id rule names no drive; it never reaches the database.
  const drive = isId(driveId) ? await getDrive(db, driveId) : undefined;
  if (drive === undefined || drive.status !== 'enabled') throw driveNotFound(driveId);
  return { ...drive, role: checkRole(driveId, await roleOn(db, actor, drive), need) };
}

/**
 * requireDrive for a caller known by an access token: the token, the drive and the
 * caller's member role are read in one statement (one round trip on PostgreSQL instead of
 * two or three). Answers exactly as userOfAccessToken then requireDrive would:
 * Unauthenticated first, then DriveNotFound or ForbiddenDriveRole.
 */
export async function requireDriveForToken(
  ctx: CoreContext,
  { accessToken, driveId, need }: { accessToken: string; driveId: string } & Need,
): Promise<{ actor: Actor; drive: SeenDrive }> {
  const found = await findDriveForCaller(ctx.store.db, { hash: accessTokenHash(accessToken), id: driveId });
  const actor = actorOfCaller(ctx, found?.caller);
  // As in requireDrive, an id that breaks the id rule names no drive.
  return { actor, drive: seenDrive(actor, { driveId, need, found: isId(driveId) ? found?.drive : undefined }) };
}

/**
 * requireDrive's decision over a drive a fused read found with the actor's member role:
 * missing or disabled is DriveNotFound, a role short of `need` ForbiddenDriveRole.
 */
export function seenDrive(
  actor: Actor,
  { driveId, need, found }: { driveId: string; found: { drive: Drive; memberRole: DriveRole | undefined } | undefined } & Need,
): SeenDrive {
  if (found === undefined || found.drive.status !== 'enabled') throw driveNotFound(driveId);
  return { ...found.drive, role: checkRole(driveId, roleFrom(actor, found.drive.ownerId, () => found.memberRole), need) };
}

/** A write transaction on a drive that exists: its lock is held and `drive` is known. */
export type OpenDriveTx = DriveTx & { readonly drive: Drive };

/**
 * Runs `fn` in a write transaction that holds the lock of drive `driveId`, if the actor may
 * see that drive (DriveNotFound otherwise) and has at least the role `need` on it
 * (ForbiddenDriveRole otherwise, before anything is written). Every write a request makes
 * to a drive goes through here, so none can forget the lock, the role, or take the lock
 * out of order.
 */
export async function writeVisibleDrive<T>(
  ctx: CoreContext,
  input: { actor: Actor; driveId: string } & Need,
  fn: (w: OpenDriveTx) => Promise<T>,
): Promise<T> {
  if (!isId(input.driveId)) throw driveNotFound(input.driveId);
  return ctx.store.writeDrive(input.driveId, async (w) => {
    if (w.drive === undefined || w.drive.status !== 'enabled') throw driveNotFound(input.driveId);
    checkRole(input.driveId, await roleOn(w.tx, input.actor, w.drive), input.need);
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
