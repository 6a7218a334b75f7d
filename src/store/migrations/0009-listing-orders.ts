import { type Kysely, sql } from 'kysely';

const trashRoot = sql.ref('trashed_at');
const unmarked = sql.ref('binned_under');

/**
 * Indexes for the orders PDS clients ask for, so each stays a keyset page on an index:
 * - the bin by name (entries_bin covers it by trash time);
 * - search by creation time, modification time and size (entries_search covers the id
 *   order and entries_search_name the name order), over the same rows as entries_search:
 *   neither trash roots nor rows marked as under one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('entries_bin_by_name')
    .on('entries')
    .columns(['drive_id', 'name', 'id'])
    .where(trashRoot, 'is not', null)
    .execute();
  const searchKeys = [
    ['entries_search_created', 'created_at'],
    ['entries_search_updated', 'updated_at'],
    ['entries_search_size', 'size'],
  ] as const;
  for (const [name, key] of searchKeys) {
    await db.schema
      .createIndex(name)
      .on('entries')
      .columns(['drive_id', key, 'id'])
      .where(trashRoot, 'is', null)
      .where(unmarked, 'is', null)
      .execute();
  }
}
