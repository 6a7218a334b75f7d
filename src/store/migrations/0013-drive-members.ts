import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Shared drives (issue 12 item 3): who besides the owner may use a drive, and how far
 * ('viewer' or 'editor'; the owner is `drives.owner_id` and never a row here). One row per
 * drive and user; the index by user serves "the drives shared with me" (drive listings,
 * job listings) and the removal of a deleted user's memberships.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('drive_members')
    .addColumn('drive_id', 'text', (c) => c.notNull().references('drives.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', t.int64, (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('drive_members_pk', ['drive_id', 'user_id'])
    .execute();
  await db.schema.createIndex('drive_members_by_user').on('drive_members').columns(['user_id', 'drive_id']).execute();
}
