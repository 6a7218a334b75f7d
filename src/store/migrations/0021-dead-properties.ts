import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * WebDAV dead properties (issue 17, RFC 4918 section 4): what a client sets by PROPPATCH
 * and reads back by PROPFIND. They belong to an entry (so they follow it when it is moved
 * or renamed, and are copied with a file), keyed by the property's namespace and local
 * name; `xml` is the whole property element as the client sent it, serialized with the
 * namespace declarations it needs, so it is answered back as it was given.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('dead_properties')
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('ns', t.bytewiseText, (c) => c.notNull())
    .addColumn('name', t.bytewiseText, (c) => c.notNull())
    .addColumn('xml', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dead_properties_pk', ['drive_id', 'entry_id', 'ns', 'name'])
    .execute();
}
