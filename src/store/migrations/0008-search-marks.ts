import { type Kysely, sql } from 'kysely';

const notTrashRoot = sql.ref('trashed_at');
const unmarked = sql.ref('binned_under');

/**
 * Search skips the bin by index. `entries.binned_under` names the trash root a row was
 * found under by the background marking (core/recycle-bin/search-marks.ts); the partial
 * indexes below hold only rows that are neither trash roots nor marked, so a search reads
 * live rows (and rows not yet marked), never the bulk of the bin. `search_marks` is the
 * marking's queue, one row per trash root being marked or unmarked, and
 * `search_mark_frontier` the folders whose children are still to be marked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('entries').addColumn('binned_under', 'text').execute();
  await db.schema
    .createIndex('entries_search')
    .on('entries')
    .columns(['drive_id', 'id'])
    .where(notTrashRoot, 'is', null)
    .where(unmarked, 'is', null)
    .execute();
  // Exact names: an equality seek, already in id order. Matching stays byte-wise (case
  // counts), as it always was for `name = ...` on both databases.
  await db.schema
    .createIndex('entries_search_name')
    .on('entries')
    .columns(['drive_id', 'name', 'id'])
    .where(notTrashRoot, 'is', null)
    .where(unmarked, 'is', null)
    .execute();
  await db.schema
    .createIndex('entries_marked')
    .on('entries')
    .columns(['drive_id', 'binned_under', 'id'])
    .where(unmarked, 'is not', null)
    .execute();
  await db.schema
    .createTable('search_marks')
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    // 'marking': the root is trashed and its marks are valid; 'unmarking': its marks may
    // be stale (it, or an entry under it, was restored) and are being cleared.
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_marks_pkey', ['drive_id', 'root_id'])
    .execute();
  await db.schema
    .createTable('search_mark_frontier')
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('folder_id', 'text', (c) => c.notNull())
    // Keyset of the last child marked, by (name, id): the live-children index order.
    .addColumn('after_name', 'text')
    .addColumn('after_id', 'text')
    .addPrimaryKeyConstraint('search_mark_frontier_pkey', ['drive_id', 'root_id', 'folder_id'])
    .execute();
  // Bins that exist already are marked too, in the background like any new trash.
  await sql`insert into search_marks (drive_id, root_id, state)
    select drive_id, id, 'marking' from entries where trashed_at is not null`.execute(db);
  await sql`insert into search_mark_frontier (drive_id, root_id, folder_id)
    select drive_id, id, id from entries where trashed_at is not null and type = 'folder'`.execute(db);
}
