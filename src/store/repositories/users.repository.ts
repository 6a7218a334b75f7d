import type { AccessKey, User, UserStatus } from '../../core/types.js';
import type { UserRow } from '../schema.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db, Tx } from '../store.js';
import type { StoreCapabilities } from '../store.js';

/** The columns a User is made of (never the password hash). */
export const USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.is_admin',
  'users.created_at',
  'users.nick_name',
  'users.email',
  'users.status',
  'users.default_drive_id',
] as const;

type UserFields = Pick<UserRow, 'id' | 'name' | 'is_admin' | 'created_at' | 'nick_name' | 'email' | 'status' | 'default_drive_id'>;

export const toUser = (r: UserFields): User => ({
  id: r.id,
  name: r.name,
  isAdmin: r.is_admin === 1,
  createdAt: Number(r.created_at),
  nickName: r.nick_name,
  email: r.email,
  status: r.status === 'disabled' ? 'disabled' : 'enabled',
  defaultDriveId: r.default_drive_id,
});

export interface NewUserRow {
  id: string;
  name: string;
  password_hash: string;
  is_admin: number;
  created_at: number;
  nick_name?: string;
  email?: string;
  status?: UserStatus;
  default_drive_id?: string | null;
}

export async function insertUser(db: Db, row: NewUserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Inserts the user unless one of that name exists (nodes starting at once both try). */
export async function insertUserIfMissing(db: Db, row: NewUserRow): Promise<void> {
  await db.insertInto('users').values(row).onConflict((oc) => oc.column('name').doNothing()).execute();
}

// A deleted user is kept (ids in history still name someone) but is found by no lookup.
const userById = preparedQuery((db, $: { id: string }) =>
  db.selectFrom('users').select(USER_COLUMNS).where('id', '=', $.id).where('status', '<>', 'deleted'),
);

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await userById(db, { id });
  return row && toUser(row);
}

/**
 * The user, with a lock on their row on databases that have row locks, so that what is
 * decided about them in this transaction (a drive count, a delete) cannot race another.
 */
export async function lockUser(tx: Tx, caps: StoreCapabilities, id: string): Promise<User | undefined> {
  let query = tx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).where('status', '<>', 'deleted');
  // NO KEY UPDATE: serialises with itself, yet lets rows that merely reference the user
  // (a token, a session) be inserted meanwhile.
  if (caps.rowLocks) query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  return row && toUser(row);
}

/** The user and the stored password hash, for sign-in. */
export async function getUserByName(db: Db, name: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'users.password_hash'])
    .where('name', '=', name)
    .where('status', '<>', 'deleted')
    .executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function getPasswordHash(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').select(USER_COLUMNS).where('status', '<>', 'deleted').orderBy('created_at').execute();
  return rows.map(toUser);
}

/** A page of users by id (keyset), live ones only. */
export async function pageUsers(db: Db, input: { afterId?: string; limit: number }): Promise<User[]> {
  let query = db.selectFrom('users').select(USER_COLUMNS).where('status', '<>', 'deleted');
  if (input.afterId !== undefined) query = query.where('id', '>', input.afterId);
  const rows = await query.orderBy('id').limit(input.limit).execute();
  return rows.map(toUser);
}

export async function updateUserRow(
  tx: Tx,
  id: string,
  patch: Partial<Pick<UserRow, 'nick_name' | 'email' | 'status' | 'is_admin' | 'password_hash' | 'default_drive_id' | 'name'>>,
): Promise<void> {
  await tx.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** How many enabled admins there are besides `exceptId`. */
export async function countOtherEnabledAdmins(tx: Tx, exceptId: string): Promise<number> {
  const row = await tx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', 1)
    .where('status', '=', 'enabled')
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Signs the user out everywhere: their tokens and sessions are gone. */
export async function dropSignIns(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Signs the user out everywhere and drops their keys: nothing of theirs works any more. */
export async function dropCredentials(tx: Tx, userId: string): Promise<void> {
  await dropSignIns(tx, userId);
  await tx.deleteFrom('access_keys').where('user_id', '=', userId).execute();
}

export async function insertAccessKey(db: Db, row: { id: string; userId: string; sealedSecret: string; at: number }): Promise<void> {
  await db
    .insertInto('access_keys')
    .values({ id: row.id, user_id: row.userId, secret: row.sealedSecret, created_at: row.at, sealed: 1 })
    .execute();
}

/** The configured admin key: (re)written at every start, keeping its status. */
export async function upsertAccessKey(db: Db, row: { id: string; userId: string; sealedSecret: string; at: number }): Promise<void> {
  await db
    .insertInto('access_keys')
    .values({ id: row.id, user_id: row.userId, secret: row.sealedSecret, created_at: row.at, sealed: 1 })
    .onConflict((oc) => oc.column('id').doUpdateSet({ user_id: row.userId, secret: row.sealedSecret, sealed: 1 }))
    .execute();
}

/**
 * An enabled key of an enabled user, with the user, in one query: a disabled or deleted
 * key or user is as unknown as a key that never existed.
 */
const usableKey = preparedQuery((db, $: { id: string }) =>
  db
    .selectFrom('access_keys')
    .innerJoin('users', 'users.id', 'access_keys.user_id')
    .select([...USER_COLUMNS, 'access_keys.secret', 'access_keys.sealed', 'access_keys.last_used_at'])
    .where('access_keys.id', '=', $.id)
    .where('access_keys.status', '=', 'enabled')
    .where('users.status', '=', 'enabled'),
);

export async function getUsableAccessKey(
  db: Db,
  id: string,
): Promise<{ user: User; secret: string; sealed: boolean; lastUsedAt: number | null } | undefined> {
  const [row] = await usableKey(db, { id });
  return (
    row && {
      user: toUser(row),
      secret: row.secret,
      sealed: row.sealed === 1,
      lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    }
  );
}

const toAccessKey = (r: { id: string; user_id: string; status: string; created_at: number; last_used_at: number | null }): AccessKey => ({
  id: r.id,
  userId: r.user_id,
  status: r.status === 'disabled' ? 'disabled' : 'enabled',
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
});

export async function getAccessKeyInfo(db: Db, id: string): Promise<AccessKey | undefined> {
  const row = await db
    .selectFrom('access_keys')
    .select(['id', 'user_id', 'status', 'created_at', 'last_used_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toAccessKey(row);
}

export async function listAccessKeys(db: Db, userId: string): Promise<AccessKey[]> {
  const rows = await db
    .selectFrom('access_keys')
    .select(['id', 'user_id', 'status', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAccessKey);
}

export async function setAccessKeyStatus(db: Db, id: string, status: UserStatus): Promise<void> {
  await db.updateTable('access_keys').set({ status }).where('id', '=', id).execute();
}

export async function deleteAccessKey(db: Db, id: string): Promise<void> {
  await db.deleteFrom('access_keys').where('id', '=', id).execute();
}

/** Records a use, at most once a minute per key (a write per signed request would cost). */
export async function touchAccessKey(db: Db, id: string, now: number): Promise<void> {
  await db
    .updateTable('access_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - 60_000)]))
    .execute();
}

export async function plainAccessKeys(db: Db): Promise<{ id: string; secret: string }[]> {
  return db.selectFrom('access_keys').select(['id', 'secret']).where('sealed', '=', 0).execute();
}

/** Replaces a plain secret by its sealed form, unless another node did it first. */
export async function sealAccessKey(db: Db, id: string, sealedSecret: string): Promise<void> {
  await db.updateTable('access_keys').set({ secret: sealedSecret, sealed: 1 }).where('id', '=', id).where('sealed', '=', 0).execute();
}

/**
 * The stored names of the users `ids` names, deleted ones included (history still names
 * them): one query for a whole page of entries, however many of them there are.
 */
export async function namesOfUsers(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
