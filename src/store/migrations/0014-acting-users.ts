import { type Kysely, sql } from 'kysely';

/**
 * Who did it (issue 12 item 5): `modified_by` names the user who last created, renamed,
 * moved, uploaded or restored an entry, beside `created_by` (there since 0001). Rows
 * written before take their creator: the last change anyone can vouch for. created_by
 * was always the acting user, so it needs no backfill.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('entries').addColumn('modified_by', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`update entries set modified_by = created_by`.execute(db);
}
