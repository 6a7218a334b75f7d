import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Failed sign-ins (issue 13 item 11), kept in the database so that every node counts the
 * same failures: one row per failure and subject, counted over a sliding window by
 * (subject, at), and dropped by housekeeping by `at` once they are older than the window.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', t.int64, (c) => t.identity(c))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('at', t.int64, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failures_by_subject').on('sign_in_failures').columns(['subject', 'at']).execute();
  await db.schema.createIndex('sign_in_failures_by_time').on('sign_in_failures').column('at').execute();
}
