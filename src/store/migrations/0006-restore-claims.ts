import { type Kysely, sql } from 'kysely';

/**
 * A queued restore claims its bin item when it is accepted (restore_job_id), so an "empty
 * the bin", a retention purge or a permanent delete asked for later cannot take the item
 * away before the restore runs: an accepted request is honoured.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // bigint is int8 on PostgreSQL and an INTEGER affinity on SQLite: one statement for both.
  await db.schema.alterTable('entries').addColumn('restore_job_id', 'bigint').execute();
  await db.schema
    .createIndex('entries_restore_claims')
    .on('entries')
    .columns(['drive_id', 'restore_job_id'])
    .where(sql.ref('restore_job_id'), 'is not', null)
    .execute();
}
