import { randomBytes } from 'node:crypto';
import {
  getAccessKey,
  getUserById,
  getUserByName,
  insertAccessKey,
  insertUser,
  insertUserIfMissing,
  listUsers,
  setPasswordHash,
  upsertAccessKey,
} from '../../store/repositories/users.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError, invalidInput, missingInput } from '../errors.js';
import { newUserId } from '../ids.js';
import type { Actor, User } from '../types.js';
import { hashPassword, verifyPassword } from './passwords.js';

const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export const actorOf = (user: User): Actor => ({ userId: user.id, isAdmin: user.isAdmin });

export async function createUser(
  ctx: CoreContext,
  input: { name: string; password: string; isAdmin?: boolean },
): Promise<User> {
  if (!USER_NAME.test(input.name)) throw invalidInput('username', 'must be 1-64 of [A-Za-z0-9._@-]');
  if (!input.password) throw missingInput('password');
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const id = newUserId();
  await ctx.store.transaction(async (tx) => {
    if (await getUserByName(tx, input.name)) {
      throw new DomainError('NameConflict', `user ${input.name} already exists`, { field: 'username', name: input.name });
    }
    await insertUser(tx, { id, name: input.name, password_hash: hash, is_admin: input.isAdmin ? 1 : 0, created_at: now });
  });
  return { id, name: input.name, isAdmin: Boolean(input.isAdmin), createdAt: now };
}

/** The user with this name and password; one vague error for both mistakes. */
export async function authenticate(ctx: CoreContext, name: string, password: string): Promise<User> {
  const found = await getUserByName(ctx.store.db, name);
  // An unknown name costs one hash too (see verifyPassword).
  if (!(await verifyPassword(password, found?.passwordHash)) || !found) {
    throw new DomainError('Unauthenticated', 'wrong user name or password', { reason: 'the user name or password is wrong' });
  }
  return found.user;
}

export async function getUser(ctx: CoreContext, id: string): Promise<User | undefined> {
  return getUserById(ctx.store.db, id);
}

export const allUsers = (ctx: CoreContext): Promise<User[]> => listUsers(ctx.store.db);

/** A new access key for signed NAS requests; the secret is returned once and only here. */
export async function createAccessKey(ctx: CoreContext, userId: string): Promise<{ id: string; secret: string }> {
  const id = `LTAI${randomBytes(10).toString('hex')}`;
  const secret = randomBytes(20).toString('base64url');
  await insertAccessKey(ctx.store.db, id, userId, secret, ctx.clock.now());
  return { id, secret };
}

/** The user and secret behind an AccessKeyId, for signature checks. */
export async function resolveAccessKey(
  ctx: CoreContext,
  accessKeyId: string,
): Promise<{ user: User; secret: string } | undefined> {
  const key = await getAccessKey(ctx.store.db, accessKeyId);
  if (!key) return undefined;
  const user = await getUserById(ctx.store.db, key.userId);
  return user && { user, secret: key.secret };
}

export interface AdminCredentials {
  password: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/**
 * Makes sure `admin` exists with these credentials: the environment's when given, else
 * the ones kept in the data directory. Returns the admin user.
 */
export async function ensureAdmin(ctx: CoreContext, creds: AdminCredentials): Promise<User> {
  const now = ctx.clock.now();
  const hash = await hashPassword(creds.password);
  // Race-safe: several nodes may start together on one database.
  await insertUserIfMissing(ctx.store.db, { id: newUserId(), name: 'admin', password_hash: hash, is_admin: 1, created_at: now });
  const found = (await getUserByName(ctx.store.db, 'admin'))!;
  if (!(await verifyPassword(creds.password, found.passwordHash))) await setPasswordHash(ctx.store.db, found.user.id, hash);
  await upsertAccessKey(ctx.store.db, creds.accessKeyId, found.user.id, creds.accessKeySecret, now);
  return found.user;
}
