import { type Kysely, sql } from 'kysely';

/**
 * Every job is exclusive now: the `trash` job type, the only one that was not, is gone,
 * and nothing reads or writes `jobs.exclusive`. The index jobs_one_running named the
 * column in its predicate, and SQLite refuses to drop a column an index names, so the
 * index goes first and comes back without it: still one running job per drive, kept by
 * the database.
 *
 * Numbered 0007, not 0005: databases in the field have run 0006, and Kysely's Migrator
 * refuses a new migration that sorts before one already run. allowUnorderedMigrations
 * would lift that check for every later migration too, and let a fresh database and an
 * upgraded one apply the same migrations in different orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // No transaction of its own: the migrator runs every migration in one, on both databases.
  await db.schema.dropIndex('jobs_one_running').execute();
  await db.schema.alterTable('jobs').dropColumn('exclusive').execute();
  await db.schema
    .createIndex('jobs_one_running')
    .unique()
    .on('jobs')
    .column('drive_id')
    .where(sql.ref('state'), '=', 'running')
    // Always true (drive_id is not null), and needed: with `state = 'running'` as the
    // predicate's only term, SQLite 3.53.2 (better-sqlite3 12) fails claimNextJob's
    // statement with "internal query planner error" every time. Two terms, as before
    // 0007, plan as they always did.
    .where(sql.ref('drive_id'), 'is not', null)
    .execute();
}
