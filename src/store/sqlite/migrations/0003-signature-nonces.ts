import { sql, type Kysely } from 'kysely';

/**
 * Signature nonces of signed NAS requests. The primary key is what makes a nonce single
 * use across nodes: two nodes that receive the same replayed request both try to insert
 * it, and the database lets exactly one of them succeed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table signature_nonces (
    access_key_id text not null,
    nonce text not null,
    expires_at integer not null,
    primary key (access_key_id, nonce)
  )`.execute(db);
  await sql`create index signature_nonces_expiry on signature_nonces(expires_at)`.execute(db);
}
