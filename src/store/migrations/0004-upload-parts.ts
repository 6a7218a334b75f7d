import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Multipart uploads: how many parts an upload has (1 for every upload made before), and
 * the parts received so far. A part row references its blob, so startup recovery keeps a
 * part whose row committed and drops one whose row did not.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.alterTable('uploads').addColumn('part_count', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema
    .createTable('upload_parts')
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('part_number', 'integer', (c) => c.notNull())
    .addColumn('blob_id', 'text', (c) => c.notNull())
    .addColumn('size', t.int64, (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_parts_pkey', ['upload_id', 'part_number'])
    .execute();
  // Startup recovery asks which staged blobs some row references.
  await db.schema.createIndex('upload_parts_blob').on('upload_parts').column('blob_id').execute();
}
