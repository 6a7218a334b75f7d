import { randomBytes } from 'node:crypto';
import {
  getUsableAccessKey,
  getUserById,
  getUserByName,
  insertAccessKey,
  insertUser,
  insertUserIfMissing,
  listUsers,
  plainAccessKeys,
  sealAccessKey,
  setPasswordHash,
  upsertAccessKey,
} from '../../store/repositories/users.repository.js';
import { open, seal } from '../auth/secret-box.js';
import type { CoreContext } from '../context.js';
import { DomainError, invalidInput, missingInput } from '../errors.js';
import { newUserId } from '../ids.js';
import type { Actor, User } from '../types.js';
import { hashPassword, verifyPassword } from './passwords.js';

export const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export const actorOf = (user: User): Actor => ({ userId: user.id, isAdmin: user.isAdmin });

/**
 * A user, with no drive and no checks of who asks: for setting up (tests, tools). The API
 * adds users with addUser (manage-users.ts), which makes their default drive too.
 */
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
  return { id, name: input.name, isAdmin: Boolean(input.isAdmin), createdAt: now, nickName: '', email: '', status: 'enabled', defaultDriveId: null };
}

/** The user with this name and password; one vague error for both mistakes. */
export async function authenticate(ctx: CoreContext, name: string, password: string): Promise<User> {
  const found = await getUserByName(ctx.store.db, name);
  // An unknown name costs one hash too (see verifyPassword).
  if (!(await verifyPassword(password, found?.passwordHash)) || !found) {
    throw new DomainError('Unauthenticated', 'wrong user name or password', { reason: 'the user name or password is wrong' });
  }
  // Only someone who knows the password learns that the account is disabled.
  if (found.user.status !== 'enabled') {
    throw new DomainError('Unauthenticated', 'the user is disabled', { reason: 'the user is disabled', id: found.user.id });
  }
  return found.user;
}

export async function getUser(ctx: CoreContext, id: string): Promise<User | undefined> {
  return getUserById(ctx.store.db, id);
}

export const allUsers = (ctx: CoreContext): Promise<User[]> => listUsers(ctx.store.db);

export const newAccessKeyId = (): string => `LTAI${randomBytes(10).toString('hex')}`;
export const newAccessKeySecret = (): string => randomBytes(20).toString('base64url');

/** A new access key for signed NAS requests; the secret is returned once and only here. */
export async function createAccessKey(ctx: CoreContext, userId: string): Promise<{ id: string; secret: string }> {
  const id = newAccessKeyId();
  const secret = newAccessKeySecret();
  await insertAccessKey(ctx.store.db, { id, userId, sealedSecret: seal(ctx.secretKey, secret), at: ctx.clock.now() });
  return { id, secret };
}

/**
 * The user and secret behind an AccessKeyId, for signature checks: only an enabled key of
 * an enabled user, read from the database on every request (so a change made on another
 * node applies at once). A secret sealed under another key counts as no key.
 */
export async function resolveAccessKey(
  ctx: CoreContext,
  accessKeyId: string,
): Promise<{ user: User; secret: string } | undefined> {
  const key = await getUsableAccessKey(ctx.store.db, accessKeyId);
  if (!key) return undefined;
  const secret = key.sealed ? open(ctx.secretKey, key.secret) : key.secret;
  return secret === undefined ? undefined : { user: key.user, secret };
}

/**
 * Encrypts the secrets written before they were kept encrypted (migration 0010 marks them
 * `sealed = 0`). Every node runs it at start; each row is sealed once.
 */
export async function sealPlainSecrets(ctx: CoreContext): Promise<number> {
  const rows = await plainAccessKeys(ctx.store.db);
  for (const row of rows) await sealAccessKey(ctx.store.db, row.id, seal(ctx.secretKey, row.secret));
  return rows.length;
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
  // One scrypt per start, not two (each is ~50 ms of CPU, and start-up time counts for
  // `serve --in-memory`): a new admin is hashed once, an existing one verified once.
  let hash: string | undefined;
  if (!(await getUserByName(ctx.store.db, 'admin'))) {
    hash = await hashPassword(creds.password);
    // Race-safe: several nodes may start together on one database.
    await insertUserIfMissing(ctx.store.db, { id: newUserId(), name: 'admin', password_hash: hash, is_admin: 1, created_at: now });
  }
  const found = (await getUserByName(ctx.store.db, 'admin'))!;
  if (found.passwordHash !== hash && !(await verifyPassword(creds.password, found.passwordHash))) {
    await setPasswordHash(ctx.store.db, found.user.id, await hashPassword(creds.password));
  }
  await upsertAccessKey(ctx.store.db, {
    id: creds.accessKeyId,
    userId: found.user.id,
    sealedSecret: seal(ctx.secretKey, creds.accessKeySecret),
    at: now,
  });
  await sealPlainSecrets(ctx);
  return found.user;
}
