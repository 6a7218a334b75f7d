import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Signature nonces of signed NAS requests. The primary key is what makes a nonce single
 * use across nodes: two nodes that receive the same replayed request both try to insert
 * it, and the database lets exactly one of them succeed.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('signature_nonces')
    .addColumn('access_key_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.int64, (c) => c.notNull())
    .addPrimaryKeyConstraint('signature_nonces_pkey', ['access_key_id', 'nonce'])
    .execute();
  await db.schema.createIndex('signature_nonces_expiry').on('signature_nonces').column('expires_at').execute();
}
