import { deleteMember, deleteMembershipsOf } from '../../store/repositories/drive-members.repository.js';
import { ownDrives, updateDrive as patchDrive } from '../../store/repositories/drives.repository.js';
import {
  countOtherEnabledAdmins,
  dropCredentials,
  dropSignIns,
  getPasswordHash,
  getUserById,
  getUserByName,
  insertUser,
  lockUser,
  pageUsers,
  updateUserRow,
} from '../../store/repositories/users.repository.js';
import { isUniqueViolation } from '../../store/unique-violation.js';
import type { CoreContext } from '../context.js';
import { deleteDrive, insertDriveRows } from '../drives/drives.service.js';
import { pageLimit } from '../entries/read.js';
import { DomainError, invalidInput, missingInput } from '../errors.js';
import { newDriveId, newUserId } from '../ids.js';
import { deletedUserName } from './deleted-names.js';
import type { Actor, Page, User, UserStatus } from '../types.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  adminOnly,
  checkEmail,
  checkNickName,
  checkPassword,
  requireAdmin,
  requireSelfOrAdmin,
  userNotFound,
} from './user-checks.js';
import { USER_NAME } from './users.service.js';
import { recordAudit } from '../audit/record.js';

export type Role = 'admin' | 'user';

export interface AddUserInput {
  name: string;
  role: Role;
  nickName?: string;
  status?: UserStatus;
  /** Without one the user cannot sign in with a password until an admin sets it (access keys still work). */
  password?: string;
  email?: string;
}

const userExists = (name: string): DomainError => new DomainError('UserExists', `user ${name} already exists`, { field: 'userName', name });

/**
 * A new user and their default drive (quota `defaultDriveSize`), in one transaction: the
 * user never exists without the drive, nor the drive without the user. Admin only.
 */
export async function addUser(ctx: CoreContext, actor: Actor, input: AddUserInput): Promise<User> {
  requireAdmin(actor, 'create users');
  if (!USER_NAME.test(input.name)) throw invalidInput('userName', 'must be 1-64 of [A-Za-z0-9._@-]');
  const nickName = checkNickName(input.nickName ?? '');
  const email = checkEmail(input.email ?? '');
  const hash = input.password === undefined ? '' : await hashPassword(checkPassword(input.password));
  const id = newUserId();
  try {
    await ctx.store.writeDrive(newDriveId(), async (w) => {
      if (await getUserByName(w.tx, input.name)) throw userExists(input.name);
      await insertUser(w.tx, {
        id,
        name: input.name,
        password_hash: hash,
        is_admin: input.role === 'admin' ? 1 : 0,
        created_at: ctx.clock.now(),
        nick_name: nickName,
        email,
        status: input.status ?? 'enabled',
        default_drive_id: w.driveId,
      });
      await insertDriveRows(ctx, w, {
        name: input.name,
        ownerId: id,
        totalSize: ctx.settings.defaultDriveSize,
        description: '',
        origin: 'pds',
        createdBy: id,
      });
      const detail = `added, role ${input.role ?? 'user'}, status ${input.status ?? 'enabled'}`;
      await recordAudit(w.tx, { at: ctx.clock.now(), actor, action: 'user', outcome: 'succeeded', driveId: w.driveId, itemId: id, name: input.name, detail });
    });
  } catch (err) {
    // Two requests for one name at once: the unique index decides, the loser is told so.
    if (isUniqueViolation(err)) throw userExists(input.name);
    throw err;
  }
  return (await getUserById(ctx.store.db, id))!;
}

/** A user: admins see anyone, a user themself only. */
export async function findUser(ctx: CoreContext, actor: Actor, userId: string): Promise<User> {
  requireSelfOrAdmin(actor, userId, 'read other users');
  const user = await getUserById(ctx.store.db, userId);
  if (!user) throw userNotFound(userId);
  return user;
}

/** Users by id (keyset, signed tokens). A user who is not admin is shown themself only. */
export async function listUsersFor(ctx: CoreContext, actor: Actor, input: { limit?: number; token?: string }): Promise<Page<User>> {
  const limit = pageLimit(input.limit, 100);
  if (!actor.isAdmin) {
    ctx.tokens.read(`users:${actor.userId}`, input.token);
    const me = await getUserById(ctx.store.db, actor.userId);
    return { items: me ? [me] : [], nextToken: '' };
  }
  const scope = `users:${actor.userId}`;
  const after = ctx.tokens.read<{ id: string }>(scope, input.token);
  const rows = await pageUsers(ctx.store.db, { afterId: after?.id, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextToken: rows.length > limit && last ? ctx.tokens.issue(scope, { id: last.id }) : '' };
}

export interface UpdateUserInput {
  userId: string;
  nickName?: string;
  email?: string;
  role?: Role;
  status?: UserStatus;
  password?: string;
  /** Required when a user changes their own password. */
  oldPassword?: string;
}

/**
 * Changes a user. Admins change anyone's fields (a password without the old one, except
 * their own); a user changes their own nick name, and their password with the old one.
 * Disabling a user signs them out everywhere; their access keys are refused while disabled.
 * No change may leave the server without an enabled admin.
 */
export async function updateUser(ctx: CoreContext, actor: Actor, input: UpdateUserInput): Promise<User> {
  const self = input.userId === actor.userId;
  requireSelfOrAdmin(actor, input.userId, 'change other users');
  if (!actor.isAdmin) {
    if (input.role !== undefined) throw adminOnly('change a role');
    if (input.status !== undefined) throw adminOnly('change a status');
    if (input.email !== undefined) throw adminOnly('change an email');
  }
  const nickName = input.nickName === undefined ? undefined : checkNickName(input.nickName);
  const email = input.email === undefined ? undefined : checkEmail(input.email);
  let hash: string | undefined;
  if (input.password !== undefined) {
    checkPassword(input.password);
    if (self) {
      if (input.oldPassword === undefined) throw missingInput('oldPassword');
      const stored = await getPasswordHash(ctx.store.db, input.userId);
      if (stored === undefined || !(await verifyPassword(input.oldPassword, stored))) {
        throw invalidInput('oldPassword', 'is not the current password');
      }
    }
    hash = await hashPassword(input.password);
  }
  await ctx.store.transaction(async (tx) => {
    const user = await lockUser(tx, ctx.store.capabilities, input.userId);
    if (!user) throw userNotFound(input.userId);
    const losesAdmin = user.isAdmin && user.status === 'enabled' && (input.role === 'user' || input.status === 'disabled');
    if (losesAdmin && (await countOtherEnabledAdmins(tx, user.id)) === 0) {
      throw new DomainError('Forbidden', 'the last enabled admin', { reason: 'the last enabled admin cannot be disabled or made a user' });
    }
    await updateUserRow(tx, user.id, {
      ...(nickName !== undefined && { nick_name: nickName }),
      ...(email !== undefined && { email }),
      ...(input.role !== undefined && { is_admin: input.role === 'admin' ? 1 : 0 }),
      ...(input.status !== undefined && { status: input.status }),
      ...(hash !== undefined && { password_hash: hash }),
    });
    // Disabled means out now: tokens and sessions end (re-enabled, one signs in again).
    if (input.status === 'disabled') await dropSignIns(tx, user.id);
    await recordAudit(tx, { at: ctx.clock.now(), actor, action: 'user', outcome: 'succeeded', itemId: user.id, name: user.name, detail: changedFields(input) });
  });
  return (await getUserById(ctx.store.db, input.userId))!;
}

/** What an update changed, for the audit trail: field names and new values, never a password. */
function changedFields(input: UpdateUserInput): string {
  const parts = [
    input.nickName !== undefined && 'nickName',
    input.email !== undefined && 'email',
    input.role !== undefined && `role ${input.role}`,
    input.status !== undefined && `status ${input.status}`,
    input.password !== undefined && 'password',
  ].filter((p): p is string => typeof p === 'string');
  return `updated ${parts.join(', ') || 'nothing'}`;
}

/** What happens to the drives of a user being deleted. */
export type DrivePolicy = 'refuse' | 'transfer' | 'delete';

export interface RemoveUserInput {
  userId: string;
  /** Default 'refuse': a user who owns drives is not deleted, and the error names them. */
  drivePolicy?: DrivePolicy;
  /** The new owner, for 'transfer'. */
  transferTo?: string;
}

/**
 * Deletes a user: their tokens, sessions and access keys stop working at once, and the
 * row stays (marked deleted, its name freed) so history still names them. Their drives
 * are refused, handed to another user, or deleted, as the request says. Each drive moves
 * or goes in a transaction of its own (each drive has its own lock); the user goes last,
 * in one that checks they own nothing any more, so a failure midway leaves the user in
 * place and a retry finishes the work.
 */
export async function removeUser(ctx: CoreContext, actor: Actor, input: RemoveUserInput): Promise<void> {
  requireAdmin(actor, 'delete users');
  if (input.userId === actor.userId) {
    throw new DomainError('Forbidden', 'cannot delete oneself', { field: 'userId', reason: 'names you: an admin cannot delete themself' });
  }
  const policy = input.drivePolicy ?? 'refuse';
  if (!(await getUserById(ctx.store.db, input.userId))) throw userNotFound(input.userId);
  if (policy === 'transfer') {
    if (input.transferTo === undefined) throw missingInput('transferTo');
    if (input.transferTo === input.userId) throw invalidInput('transferTo', 'must name another user than the one deleted');
    if (!(await getUserById(ctx.store.db, input.transferTo))) throw userNotFound(input.transferTo, 'transferTo');
  }
  if (policy !== 'refuse') await handOverDrives(ctx, actor, { ...input, policy });
  await ctx.store.transaction(async (tx) => {
    const user = await lockUser(tx, ctx.store.capabilities, input.userId);
    if (!user) throw userNotFound(input.userId);
    const owned = await ownDrives(tx, user.id, 10);
    if (owned.length > 0) {
      throw new DomainError('UserOwnsDrives', `user ${user.id} still owns drives`, { id: user.id, field: 'userId', drives: owned });
    }
    // The freed name can be taken again, and no one signs in as this (deleted-names.ts).
    await updateUserRow(tx, user.id, { status: 'deleted', name: deletedUserName(user.name, user.id), default_drive_id: null });
    await dropCredentials(tx, user.id);
    // Their row lock is held, and adding a member takes it too: no membership outlives them.
    await deleteMembershipsOf(tx, user.id);
    await recordAudit(tx, { at: ctx.clock.now(), actor, action: 'user', outcome: 'succeeded', itemId: user.id, name: user.name, detail: `deleted, drives ${policy}` });
  });
}

async function handOverDrives(
  ctx: CoreContext,
  actor: Actor,
  input: { userId: string; policy: 'transfer' | 'delete'; transferTo?: string },
): Promise<void> {
  for (;;) {
    const batch = await ownDrives(ctx.store.db, input.userId, 100);
    if (batch.length === 0) return;
    for (const drive of batch) {
      if (input.policy === 'delete') {
        await deleteDrive(ctx, actor, { driveId: drive.id });
        continue;
      }
      await ctx.store.writeDrive(drive.id, async (w) => {
        if (w.drive?.ownerId !== input.userId || w.drive.status !== 'enabled') return;
        // The new owner's row is locked, so they cannot be deleted while they receive it.
        if (!(await lockUser(w.tx, w.capabilities, input.transferTo!))) throw userNotFound(input.transferTo!, 'transferTo');
        await patchDrive(w, { owner_id: input.transferTo!, updated_at: ctx.clock.now() });
        // The new owner owns it now: not a member as well.
        await deleteMember(w, input.transferTo!);
      });
    }
  }
}
