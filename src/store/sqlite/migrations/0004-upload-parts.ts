import { sql, type Kysely } from 'kysely';

/**
 * Multipart uploads: how many parts an upload has (1 for every upload made before), and
 * the parts received so far. A part row references its blob, so startup recovery keeps a
 * part whose row committed and drops one whose row did not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table uploads add column part_count integer not null default 1`,
    sql`create table upload_parts (
      upload_id text not null,
      part_number integer not null,
      blob_id text not null,
      size integer not null,
      etag text not null,
      created_at integer not null,
      primary key (upload_id, part_number)
    )`,
    // Startup recovery asks which staged blobs some row references.
    sql`create index upload_parts_blob on upload_parts(blob_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
