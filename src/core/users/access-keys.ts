import {
  deleteAccessKey,
  getAccessKeyInfo,
  getUserById,
  insertAccessKey,
  listAccessKeys,
  setAccessKeyStatus,
} from '../../store/repositories/users.repository.js';
import { seal } from '../auth/secret-box.js';
import type { CoreContext } from '../context.js';
import type { Tx } from '../../store/store.js';
import { DomainError } from '../errors.js';
import type { AccessKey, Actor, UserStatus } from '../types.js';
import { requireSelfOrAdmin, userNotFound } from './user-checks.js';
import { newAccessKeyId, newAccessKeySecret } from './users.service.js';
import { recordAudit } from '../audit/record.js';

/**
 * Access keys for signed NAS requests, per user: admins manage anyone's, a user their own.
 * A key that is not the caller's (and they are no admin) is answered like a missing one.
 */

const keyNotFound = (id: string): DomainError =>
  new DomainError('AccessKeyNotFound', `access key ${id} does not exist`, { id, field: 'accessKeyId' });

/** A key's change: the record names the key (item id) and, in its detail, the key's user. */
const recordKeyChange = (tx: Tx, at: number, actor: Actor, key: { id: string; userId: string }, change: string): Promise<void> =>
  recordAudit(tx, { at, actor, action: 'access_key', outcome: 'succeeded', itemId: key.id, detail: `${change}, user ${key.userId}` });

async function requireUser(ctx: CoreContext, actor: Actor, userId: string): Promise<void> {
  requireSelfOrAdmin(actor, userId, "manage other users' access keys");
  if (!(await getUserById(ctx.store.db, userId))) throw userNotFound(userId);
}

/** A new key; its secret is in this answer and nowhere else (it is kept encrypted). */
export async function addAccessKey(
  ctx: CoreContext,
  actor: Actor,
  input: { userId: string },
): Promise<{ key: AccessKey; secret: string }> {
  await requireUser(ctx, actor, input.userId);
  const id = newAccessKeyId();
  const secret = newAccessKeySecret();
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await insertAccessKey(tx, { id, userId: input.userId, sealedSecret: seal(ctx.secretKey, secret), at: now });
    await recordKeyChange(tx, now, actor, { id, userId: input.userId }, 'created');
  });
  return { key: { id, userId: input.userId, status: 'enabled', createdAt: now, lastUsedAt: null }, secret };
}

export async function listAccessKeysOf(ctx: CoreContext, actor: Actor, input: { userId: string }): Promise<AccessKey[]> {
  await requireUser(ctx, actor, input.userId);
  return listAccessKeys(ctx.store.db, input.userId);
}

async function ownKey(ctx: CoreContext, actor: Actor, id: string): Promise<AccessKey> {
  const key = await getAccessKeyInfo(ctx.store.db, id);
  if (!key || (!actor.isAdmin && key.userId !== actor.userId)) throw keyNotFound(id);
  return key;
}

/** Enables or disables a key; a disabled key is refused by NAS exactly as an unknown one. */
export async function setAccessKeyState(
  ctx: CoreContext,
  actor: Actor,
  input: { accessKeyId: string; status: UserStatus },
): Promise<AccessKey> {
  const key = await ownKey(ctx, actor, input.accessKeyId);
  await ctx.store.transaction(async (tx) => {
    await setAccessKeyStatus(tx, key.id, input.status);
    await recordKeyChange(tx, ctx.clock.now(), actor, key, input.status);
  });
  return { ...key, status: input.status };
}

export async function removeAccessKey(ctx: CoreContext, actor: Actor, input: { accessKeyId: string }): Promise<void> {
  const key = await ownKey(ctx, actor, input.accessKeyId);
  await ctx.store.transaction(async (tx) => {
    await deleteAccessKey(tx, key.id);
    await recordKeyChange(tx, ctx.clock.now(), actor, key, 'deleted');
  });
}
