import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * WebDAV write locks (issue 17, RFC 4918 section 6), kept in the database so that every
 * node of one store agrees on them. A lock is on a path of a drive, not on an entry: RFC
 * 4918 lets a client lock a name that does not exist yet, and a lock does not follow a
 * moved resource. `path` is the drive-relative path without a trailing slash ('' is the
 * drive's root folder). The index serves both questions a write asks: "locks on this path
 * or one of its few ancestors" (equality per ancestor) and "locks below this folder" (one
 * range `path > 'a/' and path < 'a0'`). Expired rows are ignored by every query, and
 * deleted when a lock is next taken on the drive.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('dav_locks')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('path', t.bytewiseText, (c) => c.notNull())
    // '0' or 'infinity'
    .addColumn('depth', 'text', (c) => c.notNull())
    // 'exclusive' or 'shared'
    .addColumn('scope', 'text', (c) => c.notNull())
    // The client's DAV:owner element as it sent it (XML), '' when none.
    .addColumn('owner_xml', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('timeout_sec', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addColumn('expires_at', t.int64, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dav_locks_by_path').on('dav_locks').columns(['drive_id', 'path']).execute();
}
