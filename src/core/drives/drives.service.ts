import {
  countDrives,
  countOwnDrives,
  getDrive as findDrive,
  insertDrive,
  type ListedDrive,
  listDrives as queryDrives,
  updateDrive as patchDrive,
} from '../../store/repositories/drives.repository.js';
import { deleteDriveMembers } from '../../store/repositories/drive-members.repository.js';
import { insertEntry } from '../../store/repositories/entries.repository.js';
import { getUserById, lockUser } from '../../store/repositories/users.repository.js';
import type { DriveTx } from '../../store/store.js';
import { requireDrive, writeVisibleDrive } from '../access.js';
import { activeJobs } from '../../store/repositories/jobs.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError, type DomainField, invalidInput, missingInput } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { newDriveId, ROOT_ID } from '../ids.js';
import { newEntryRow } from '../entries/new-entry.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { recordAudit } from '../audit/record.js';
import { lockBypass, refuseIfAnyHeld, setLockIn } from '../recycle-bin/retention-lock.js';
import type { Actor, Drive, Job, RetentionLock, SeenDrive } from '../types.js';

export interface CreateDriveInput {
  /** Required for PDS drives; a NAS file system is named by its id. */
  name: string | undefined;
  ownerId?: string;
  /** Bytes, or -1 (the default) for no quota. */
  totalSize?: number;
  description?: string;
  /** 'pds' (bin on, 30 days) or 'nas' (bin off, as NAS CreateFileSystem does). */
  origin: 'pds' | 'nas';
  fileSystemType?: string;
  protocolType?: string;
  storageType?: string;
  clientToken?: string;
}

const DEFAULT_RESERVED_DAYS = { pds: 30, nas: 3 } as const;

function checkTotalSize(value: number | undefined): number {
  if (value === undefined) return -1;
  if (!Number.isSafeInteger(value) || value < -1) throw invalidInput('totalSize', 'must be -1 (unlimited) or a non-negative integer');
  return value;
}

/** The longest drive name the core keeps (PDS's own limit; a dialect may allow less). */
const MAX_DRIVE_NAME = 1024;

/** The core's own bounds on a drive's texts (dialects may allow less). */
function checkText(field: DomainField, value: string | undefined, opts: { max: number; required: boolean }): string {
  if (value === undefined || value === '') {
    if (opts.required) throw missingInput(field);
    return '';
  }
  if (value.length > opts.max) throw invalidInput(field, `must be at most ${opts.max} characters`, { max: opts.max });
  return value;
}

/** Quotas are the administrator's (issue 12): anyone else gets the default size. */
export const quotaForbidden = (): DomainError =>
  new DomainError('Forbidden', 'only admin can set a quota', { field: 'totalSize', reason: 'may be set by an admin only' });

/** The checks a new drive must pass, before anything is written. */
function checkNewDrive(ctx: CoreContext, actor: Actor, input: CreateDriveInput) {
  const name = checkText('name', input.name, { max: MAX_DRIVE_NAME, required: input.origin === 'pds' });
  const description = checkText('description', input.description, { max: 1024, required: false });
  if (!actor.isAdmin && input.totalSize !== undefined) throw quotaForbidden();
  const totalSize = actor.isAdmin ? checkTotalSize(input.totalSize) : ctx.settings.defaultDriveSize;
  let ownerId = actor.userId;
  if (input.ownerId !== undefined && input.ownerId !== '' && input.ownerId !== actor.userId) {
    if (!actor.isAdmin) {
      throw new DomainError('Forbidden', 'only admin can create a drive for another user', { field: 'ownerId', reason: 'only admin can create a drive for another user' });
    }
    ownerId = input.ownerId;
  }
  return { name, description, totalSize, ownerId };
}

/**
 * A dry run of createDrive (NAS `DryRun=true`): the same checks, including that the owner
 * exists, and nothing written, not even the client token.
 */
export async function checkCreateDrive(ctx: CoreContext, actor: Actor, input: CreateDriveInput): Promise<void> {
  const { ownerId } = checkNewDrive(ctx, actor, input);
  if (ownerId !== actor.userId && !(await getUserById(ctx.store.db, ownerId))) {
    throw new DomainError('UserNotFound', `user ${ownerId} does not exist`, { field: 'ownerId', id: ownerId });
  }
  if (!actor.isAdmin) await checkDriveLimit(ctx, ctx.store.db, actor.userId);
}

/**
 * A user who is not admin may own `userDriveLimit` drives besides their default one. In a
 * write transaction the caller has locked the user's row first, so two creations at once
 * cannot both pass.
 */
async function checkDriveLimit(ctx: CoreContext, db: Parameters<typeof countOwnDrives>[0], userId: string): Promise<void> {
  const user = await getUserById(db, userId);
  const limit = ctx.settings.userDriveLimit;
  // A user made before default drives existed (or whose default drive is gone) may still
  // own limit + 1 drives in all, like everyone else.
  const defaultId = user?.defaultDriveId ?? null;
  const owned = await countOwnDrives(db, userId, defaultId);
  const hasDefault = defaultId !== null && owned < (await countOwnDrives(db, userId, null));
  if (owned >= limit + (hasDefault ? 0 : 1)) {
    throw new DomainError('Forbidden', `user ${userId} may create at most ${limit} drives`, {
      max: limit,
      reason: `a user may create at most ${limit} drive${limit === 1 ? '' : 's'} besides their default drive`,
    });
  }
}

/** What a new drive is made of, checked already. */
export interface NewDriveRows {
  name: string;
  ownerId: string;
  totalSize: number;
  description: string;
  origin: 'pds' | 'nas';
  fileSystemType?: string;
  protocolType?: string;
  storageType?: string;
  createdBy: string;
}

/** Writes a drive and its root folder in the caller's transaction (which holds the drive's lock). */
export async function insertDriveRows(ctx: CoreContext, w: DriveTx, d: NewDriveRows): Promise<void> {
  const now = ctx.clock.now();
  const { driveId } = w;
  const binOn = d.origin === 'pds';
  await insertDrive(w, {
    id: driveId,
    name: d.name || driveId,
    owner_id: d.ownerId,
    description: d.description,
    total_size: d.totalSize,
    used_size: 0,
    bin_bytes: 0,
    bin_enabled: binOn ? 1 : 0,
    reserved_days: DEFAULT_RESERVED_DAYS[d.origin],
    bin_enabled_at: binOn ? now : null,
    bin_hidden_before: null,
    lock_mode: null,
    lock_min_days: null,
    origin: d.origin,
    file_system_type: d.fileSystemType ?? 'standard',
    protocol_type: d.protocolType ?? 'NFS',
    storage_type: d.storageType ?? 'Performance',
    status: 'enabled',
    created_at: now,
    updated_at: now,
  });
  await insertEntry(w, newEntryRow({ driveId, parentId: null, name: '', type: 'folder', createdBy: d.createdBy, now, id: ROOT_ID }));
}

/** A new drive with its root folder. Admin may create one for another user. */
export async function createDrive(ctx: CoreContext, actor: Actor, input: CreateDriveInput): Promise<Drive> {
  const { name, description, totalSize, ownerId } = checkNewDrive(ctx, actor, input);
  const params = { name, description, totalSize, ownerId, origin: input.origin, fs: input.fileSystemType, p: input.protocolType, s: input.storageType };
  // A new drive's transaction holds the lock of its (fresh, random) id, like any write.
  const id = await ctx.store.writeDrive(newDriveId(), async (w) => {
    // The owner's row is locked: their drive count and their deletion cannot race this.
    if (!(await lockUser(w.tx, w.capabilities, ownerId))) {
      throw new DomainError('UserNotFound', `user ${ownerId} does not exist`, { field: 'ownerId', id: ownerId });
    }
    const now = ctx.clock.now();
    return idempotent(w, { actor, token: input.clientToken, scope: 'drive.create', params, now }, async () => {
      if (!actor.isAdmin) await checkDriveLimit(ctx, w.tx, actor.userId);
      await insertDriveRows(ctx, w, {
        name,
        ownerId,
        totalSize,
        description,
        origin: input.origin,
        fileSystemType: input.fileSystemType,
        protocolType: input.protocolType,
        storageType: input.storageType,
        createdBy: ownerId,
      });
      return w.driveId;
    });
  });
  return (await findDrive(ctx.store.db, id))!;
}

/** The drive with the actor's role on it; any member may read it. */
export async function getDrive(ctx: CoreContext, actor: Actor, driveId: string): Promise<SeenDrive> {
  return requireDrive(ctx.store.db, { actor, driveId, need: 'viewer' });
}

/** A listed drive with the actor's role: admins have the owner's rights on every drive. */
export const seenBy = (actor: Actor, { memberRole, ...drive }: ListedDrive): SeenDrive => ({
  ...drive,
  role: actor.isAdmin || drive.ownerId === actor.userId ? 'owner' : (memberRole ?? 'viewer'),
});

/**
 * Drives the actor sees (their own and those shared with them; admin: all, or one
 * owner's), oldest first, by offset pages; optionally of some file system types only.
 */
export async function listDrives(
  ctx: CoreContext,
  actor: Actor,
  input: { ownerId?: string; offset: number; limit: number; fileSystemTypes?: readonly string[] },
): Promise<{ items: SeenDrive[]; total: number }> {
  const db = ctx.store.db;
  const { fileSystemTypes } = input;
  // `in ()` is no valid SQL: an empty list of types matches nothing.
  if (fileSystemTypes?.length === 0) return { items: [], total: 0 };
  const q = { ownerId: input.ownerId, visibleTo: actor.isAdmin ? undefined : actor.userId, fileSystemTypes };
  const [items, total] = await Promise.all([queryDrives(db, { ...q, limit: input.limit, offset: input.offset }), countDrives(db, q)]);
  return { items: items.map((d) => seenBy(actor, d)), total };
}

export async function updateDrive(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; name?: string; description?: string; totalSize?: number; lock?: RetentionLock | null },
): Promise<SeenDrive> {
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    const now = ctx.clock.now();
    const patch: Parameters<typeof patchDrive>[1] = { updated_at: now };
    if (input.name !== undefined) patch.name = checkText('name', input.name, { max: MAX_DRIVE_NAME, required: true });
    if (input.description !== undefined) patch.description = checkText('description', input.description, { max: 1024, required: false });
    if (input.totalSize !== undefined) {
      const totalSize = checkTotalSize(input.totalSize);
      // Sending the quota a drive has already changes nothing, so anyone may echo it back.
      if (!actor.isAdmin && totalSize !== w.drive.totalSize) throw quotaForbidden();
      patch.total_size = totalSize;
    }
    await patchDrive(w, patch);
    if (input.lock !== undefined) await setLockIn(w, { actor, lock: input.lock, now });
    // Only the owner (or an admin, who has the owner's rights) gets this far.
    return { ...(await findDrive(w.tx, w.drive.id))!, role: 'owner' };
  });
}

/**
 * Deletes a drive (its owner or an admin): it is gone for every caller and member at once, and a delete job purges its
 * entries and contents in the background.
 */
export async function deleteDrive(ctx: CoreContext, actor: Actor, input: { driveId: string; bypassLock?: boolean }): Promise<Job> {
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    const now = ctx.clock.now();
    // Its bin goes with it: not while the retention lock holds an item (an admin may bypass a governance lock).
    const bypassLock = lockBypass(actor, w.drive, input.bypassLock);
    await refuseIfAnyHeld(w, now, bypassLock);
    await patchDrive(w, { status: 'deleted', updated_at: now });
    // Nobody is a member of a drive that is gone.
    await deleteDriveMembers(w);
    const job = await enqueueJob(ctx, w, {
      type: 'delete',
      actor,
      targetId: ROOT_ID,
      targetName: w.drive.name,
      params: bypassLock ? { wholeDrive: true, bypassLock } : { wholeDrive: true },
      total: 0,
      policy: 'queue',
      active: await activeJobs(w.tx, w.drive.id),
    });
    const facts = { action: 'delete', outcome: 'accepted', driveId: w.drive.id, name: w.drive.name, bytes: w.drive.usedSize, jobId: job.id } as const;
    await recordAudit(w.tx, { at: now, actor, ...facts, path: '/', detail: 'the whole drive' });
    return job;
  });
  ctx.wakeEngine();
  return job;
}
