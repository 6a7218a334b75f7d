import type { Db } from '../store.js';

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
