import { type Kysely, sql } from 'kysely';

/**
 * Deletion events (issue 14 item 3): every trash call records one id on each bin item it
 * made, the same id for all the items one call removed at once (a /v2/batch of trashes,
 * the CLI's several paths), so that the whole deletion can be undone as one. Items
 * trashed before this migration have none. The index serves "every bin item of one
 * event" as one range (restore_all with deletion_event_id), in trash-time order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('entries').addColumn('deletion_event_id', 'text').execute();
  await db.schema
    .createIndex('entries_bin_by_event')
    .on('entries')
    .columns(['drive_id', 'deletion_event_id', 'trashed_at', 'id'])
    .where(sql.ref('trashed_at'), 'is not', null)
    .execute();
}
