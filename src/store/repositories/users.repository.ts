import type { User } from '../../core/types.js';
import type { UserRow } from '../schema.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db } from '../store.js';

export const toUser = (r: Omit<UserRow, 'password_hash'>): User => ({
  id: r.id,
  name: r.name,
  isAdmin: r.is_admin === 1,
  createdAt: Number(r.created_at),
});

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Inserts the user unless one of that name exists (nodes starting at once both try). */
export async function insertUserIfMissing(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).onConflict((oc) => oc.column('name').doNothing()).execute();
}

const userById = preparedQuery((db, $: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', $.id));

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await userById(db, { id });
  return row && toUser(row);
}

/** The user and the stored password hash, for sign-in. */
export async function getUserByName(db: Db, name: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').execute();
  return rows.map(toUser);
}

export async function insertAccessKey(db: Db, id: string, userId: string, secret: string, at: number): Promise<void> {
  await db.insertInto('access_keys').values({ id, user_id: userId, secret, created_at: at }).execute();
}

export async function upsertAccessKey(db: Db, id: string, userId: string, secret: string, at: number): Promise<void> {
  await db
    .insertInto('access_keys')
    .values({ id, user_id: userId, secret, created_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ user_id: userId, secret }))
    .execute();
}

export async function getAccessKey(db: Db, id: string): Promise<{ userId: string; secret: string } | undefined> {
  const row = await db.selectFrom('access_keys').select(['user_id', 'secret']).where('id', '=', id).executeTakeFirst();
  return row && { userId: row.user_id, secret: row.secret };
}
