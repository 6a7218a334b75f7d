import type { Kysely } from 'kysely';

/**
 * Teams (issue 12): users get a nick name, an email, a status and a default drive; access
 * keys get a status, the time they were last used, and `sealed`: 1 once the secret is kept
 * encrypted. The secret key lives outside the database (the data directory or
 * SALVAGE_SECRET_KEY), so a migration cannot encrypt; each node seals the rows still at 0
 * when it starts (core/users/access-keys.ts, sealPlainSecrets).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('nick_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('users').addColumn('email', 'text', (c) => c.notNull().defaultTo('')).execute();
  // 'enabled', 'disabled' or 'deleted' (kept, so ids in history still name someone).
  await db.schema.alterTable('users').addColumn('status', 'text', (c) => c.notNull().defaultTo('enabled')).execute();
  await db.schema.alterTable('users').addColumn('default_drive_id', 'text').execute();
  await db.schema.alterTable('access_keys').addColumn('status', 'text', (c) => c.notNull().defaultTo('enabled')).execute();
  await db.schema.alterTable('access_keys').addColumn('last_used_at', 'bigint').execute();
  await db.schema.alterTable('access_keys').addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('access_keys_by_user').on('access_keys').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('drives_by_owner').on('drives').columns(['owner_id', 'status']).execute();
}
