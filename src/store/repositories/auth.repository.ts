import { preparedQuery } from '../prepared-query.js';
import type { User } from '../../core/types.js';
import type { Db } from '../store.js';
import { toUser, USER_COLUMNS } from './users.repository.js';
import { AUTH_TOKEN_COLUMNS } from './columns.js';

/** Token and session rows are looked up by the SHA-256 of the secret the client holds. */

export interface TokenRow {
  kind: 'access' | 'refresh';
  userId: string;
  family: string;
  expiresAt: number;
  usedAt: number | null;
}

export async function insertToken(
  db: Db,
  row: { hash: string; kind: 'access' | 'refresh'; userId: string; family: string; expiresAt: number; now: number },
): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({
      token_hash: row.hash,
      kind: row.kind,
      user_id: row.userId,
      family: row.family,
      expires_at: row.expiresAt,
      used_at: null,
      created_at: row.now,
    })
    .execute();
}

const tokenByHash = preparedQuery((db, $: { hash: string }) => db.selectFrom('auth_tokens').select(AUTH_TOKEN_COLUMNS).where('token_hash', '=', $.hash));

export async function findToken(db: Db, hash: string): Promise<TokenRow | undefined> {
  const [row] = await tokenByHash(db, { hash });
  return (
    row && {
      kind: row.kind,
      userId: row.user_id,
      family: row.family,
      expiresAt: Number(row.expires_at),
      usedAt: row.used_at === null ? null : Number(row.used_at),
    }
  );
}

/** What an authenticated request needs to know about its credential: whose it is, and until when. */
export interface CredentialUser {
  user: User;
  expiresAt: number;
}

const userOfTokenHash = preparedQuery((db, $: { hash: string }) =>
  db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select([...USER_COLUMNS, 'auth_tokens.expires_at'])
    .where('auth_tokens.token_hash', '=', $.hash)
    .where('auth_tokens.kind', '=', 'access')
    // Read on every request, on every node: disabling a user locks them out at once.
    .where('users.status', '=', 'enabled'),
);

/**
 * The access token's user, in one query: every authenticated request asks, and two
 * lookups (token, then user) cost a second query each time.
 */
export async function findAccessTokenUser(db: Db, hash: string): Promise<CredentialUser | undefined> {
  const [row] = await userOfTokenHash(db, { hash });
  return row && { user: toUser(row), expiresAt: Number(row.expires_at) };
}

/** Marks a refresh token used, once: false if another request exchanged it first. */
export async function useRefreshToken(db: Db, hash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('kind', '=', 'refresh')
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeFamily(db: Db, family: string): Promise<void> {
  await db.deleteFrom('auth_tokens').where('family', '=', family).execute();
}

export async function insertSession(db: Db, hash: string, userId: string, expiresAt: number, now: number): Promise<void> {
  await db.insertInto('sessions').values({ session_hash: hash, user_id: userId, expires_at: expiresAt, created_at: now }).execute();
}

const userOfSessionHash = preparedQuery((db, $: { hash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...USER_COLUMNS, 'sessions.expires_at'])
    .where('sessions.session_hash', '=', $.hash)
    .where('users.status', '=', 'enabled'),
);

/** The session's user, in one query (see findAccessTokenUser). */
export async function findSessionUser(db: Db, hash: string): Promise<CredentialUser | undefined> {
  const [row] = await userOfSessionHash(db, { hash });
  return row && { user: toUser(row), expiresAt: Number(row.expires_at) };
}

export async function deleteSession(db: Db, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('session_hash', '=', hash).execute();
}

/** Drops tokens and sessions past their expiry (housekeeping). */
export async function forgetExpiredCredentials(db: Db, now: number): Promise<void> {
  await db.deleteFrom('auth_tokens').where('expires_at', '<', now).execute();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
