import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * PDS: bearer tokens and web sessions (hashes only, never the tokens themselves) and
 * upload sessions (create -> PUT content -> complete).
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('auth_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.int64, (c) => c.notNull())
    .addColumn('used_at', t.int64)
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .execute();
  // A replayed refresh token revokes its whole family; housekeeping drops expired rows.
  await db.schema.createIndex('auth_tokens_family').on('auth_tokens').column('family').execute();
  await db.schema.createIndex('auth_tokens_expiry').on('auth_tokens').column('expires_at').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('session_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', t.int64, (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('declared_size', t.int64)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('blob_id', 'text')
    .addColumn('size', t.int64)
    .addColumn('content_hash', 'text')
    .addColumn('expires_at', t.int64, (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addColumn('updated_at', t.int64, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('uploads_by_file').on('uploads').columns(['drive_id', 'file_id']).execute();
  // Housekeeping finds abandoned uploads by age without scanning finished ones twice.
  await db.schema.createIndex('uploads_expiry').on('uploads').column('expires_at').execute();
}
