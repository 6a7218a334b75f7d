import type { Kysely } from 'kysely';

/**
 * Bytes of uploads not yet completed count against their drive's quota, and a user may
 * have only so many such uploads (issue 13 item 10). Both are summed or counted from the
 * upload records on every upload begin and PUT, so they need these to be index range scans:
 * a drive's uploads by state, and a user's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('uploads_by_drive_state').on('uploads').columns(['drive_id', 'state']).execute();
  await db.schema.createIndex('uploads_by_user_state').on('uploads').columns(['user_id', 'state']).execute();
}
