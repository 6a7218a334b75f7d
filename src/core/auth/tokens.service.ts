import { randomBytes } from 'node:crypto';
import {
  findAccessTokenUser,
  findToken,
  forgetExpiredCredentials as forgetExpired,
  insertToken,
  revokeFamily,
  useRefreshToken,
} from '../../store/repositories/auth.repository.js';
import { getUserById } from '../../store/repositories/users.repository.js';
import type { Db } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import { DomainError, invalidInput } from '../errors.js';
import type { Caller } from '../../store/repositories/caller.repository.js';
import type { Actor, User } from '../types.js';
import { hashToken, newSecretToken } from './secrets.js';
import { signIn } from './sign-in-throttle.js';

/** PDS hands out two-hour access tokens; a refresh token lasts a week of inactivity. */
export const ACCESS_TOKEN_TTL_SEC = 7200;
export const REFRESH_TOKEN_TTL_SEC = 7 * 86_400;

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

const invalidRefresh = (): DomainError =>
  invalidInput('refreshToken', 'is not valid');

const invalidAccess = (): DomainError =>
  new DomainError('Unauthenticated', 'the access token is invalid or expired', { reason: 'the access token is invalid or expired' });

async function issue(db: Db, ctx: CoreContext, user: User, family: string): Promise<TokenGrant> {
  const now = ctx.clock.now();
  const accessToken = newSecretToken();
  const refreshToken = newSecretToken();
  await insertToken(db, { hash: hashToken(accessToken), kind: 'access', userId: user.id, family, expiresAt: now + ACCESS_TOKEN_TTL_SEC * 1000, now });
  await insertToken(db, { hash: hashToken(refreshToken), kind: 'refresh', userId: user.id, family, expiresAt: now + REFRESH_TOKEN_TTL_SEC * 1000, now });
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SEC, user };
}

/** The password grant: a new token family for the user (throttled like every sign-in). */
export async function passwordGrant(
  ctx: CoreContext,
  input: { username: string; password: string; address?: string },
): Promise<TokenGrant> {
  let user: User;
  try {
    user = await signIn(ctx, input);
  } catch (err) {
    // A wrong password is a bad grant (OAuth's invalid_grant, a 400), not a bad token.
    if (err instanceof DomainError && err.code === 'Unauthenticated') {
      throw invalidInput('password', err.details.reason === 'the user is disabled' ? 'is not valid: the user is disabled' : 'is not valid: wrong user name or password');
    }
    throw err;
  }
  return issue(ctx.store.db, ctx, user, randomBytes(12).toString('hex'));
}

/**
 * The refresh grant. A refresh token works once and is replaced by a new one. One that is
 * presented again was stolen or replayed: the whole family (every token descended from the
 * same sign-in) is revoked, as OAuth's refresh-token rotation advises.
 */
export async function refreshGrant(ctx: CoreContext, refreshToken: string): Promise<TokenGrant> {
  if (refreshToken === '') throw invalidRefresh();
  const hash = hashToken(refreshToken);
  const outcome = await ctx.store.transaction(async (tx) => {
    const row = await findToken(tx, hash);
    if (!row || row.kind !== 'refresh') return undefined;
    if (row.usedAt !== null || !(await useRefreshToken(tx, hash, ctx.clock.now()))) {
      await revokeFamily(tx, row.family);
      return 'replayed' as const;
    }
    if (row.expiresAt <= ctx.clock.now()) return undefined;
    const user = await getUserById(tx, row.userId);
    // A disabled user's refresh tokens stay refused (they are dropped if the user is deleted).
    return user?.status === 'enabled' ? issue(tx, ctx, user, row.family) : undefined;
  });
  // The revocation must commit, so the refusal comes after the transaction.
  if (outcome === undefined || outcome === 'replayed') throw invalidRefresh();
  return outcome;
}

/** The user behind a live access token; Unauthenticated for anything else. */
export async function userOfAccessToken(ctx: CoreContext, accessToken: string): Promise<User> {
  const found = await findAccessTokenUser(ctx.store.db, accessTokenHash(accessToken));
  if (!found || found.expiresAt <= ctx.clock.now()) throw invalidAccess();
  return found.user;
}

/** The hash an access token is looked up by; Unauthenticated for one no server issued. */
export function accessTokenHash(accessToken: string): string {
  if (accessToken === '' || accessToken.length > 512) throw invalidAccess();
  return hashToken(accessToken);
}

/**
 * The actor behind a live access token, as a fused read found it (the token checked in
 * the statement that read the answer, see caller.repository.ts); Unauthenticated for a
 * token that named no enabled user or has expired, exactly as userOfAccessToken.
 */
export function actorOfCaller(ctx: CoreContext, caller: Caller | undefined): Actor {
  if (!caller || caller.expiresAt <= ctx.clock.now()) throw invalidAccess();
  return { userId: caller.userId, isAdmin: caller.isAdmin };
}

/**
 * Revokes the sign-in a refresh token belongs to: every access and refresh token of its
 * family stops working at once, on every node. A token this server does not know (already
 * revoked, expired and forgotten, never issued) leaves nothing to revoke, and that is no
 * error (OAuth token revocation, RFC 7009): the caller wanted it dead, and it is.
 * Returns whether a family was revoked.
 */
export async function revokeRefreshToken(ctx: CoreContext, refreshToken: string): Promise<boolean> {
  if (refreshToken === '') throw invalidRefresh();
  return ctx.store.transaction(async (tx) => {
    const row = await findToken(tx, hashToken(refreshToken));
    if (!row || row.kind !== 'refresh') return false;
    await revokeFamily(tx, row.family);
    return true;
  });
}

/**
 * Signs out the sign-in an access token belongs to (logout with a bearer token): its
 * family, so the refresh token that came with it cannot mint a new one either.
 */
export async function revokeAccessToken(ctx: CoreContext, accessToken: string): Promise<boolean> {
  if (accessToken === '') throw invalidAccess();
  return ctx.store.transaction(async (tx) => {
    const row = await findToken(tx, hashToken(accessToken));
    if (!row || row.kind !== 'access') return false;
    await revokeFamily(tx, row.family);
    return true;
  });
}

/** Housekeeping: expired tokens and sessions are of no use to anyone. */
export const forgetExpiredCredentials = (ctx: CoreContext): Promise<void> => forgetExpired(ctx.store.db, ctx.clock.now());
