import { sql } from 'kysely';
import type { Db, StoreCapabilities } from '../store.js';

/**
 * Serialises requests that carry the same client token until the transaction ends. With
 * row locks (PostgreSQL, several nodes) this is an advisory transaction lock on the key;
 * SQLite's single writer serialises the whole transaction already.
 */
export async function lockToken(db: Db, caps: StoreCapabilities, userId: string, token: string): Promise<void> {
  if (!caps.rowLocks) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${userId}\n${token}`}, 0))`.execute(db);
}

export interface IdempotencyRecord {
  scope: string;
  paramsHash: string;
  result: string;
}

export async function findToken(db: Db, userId: string, token: string): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency')
    .select(['scope', 'params_hash', 'result'])
    .where('user_id', '=', userId)
    .where('token', '=', token)
    .executeTakeFirst();
  return row && { scope: row.scope, paramsHash: row.params_hash, result: row.result };
}

export async function saveToken(
  db: Db,
  userId: string,
  token: string,
  record: IdempotencyRecord,
  at: number,
): Promise<void> {
  await db
    .insertInto('idempotency')
    .values({
      user_id: userId,
      token,
      scope: record.scope,
      params_hash: record.paramsHash,
      result: record.result,
      created_at: at,
    })
    .execute();
}

export async function forgetTokensBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('idempotency').where('created_at', '<', before).execute();
}
