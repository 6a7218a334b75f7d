import type { Db } from '../store.js';

/**
 * Records a nonce unless it is already there. Returns whether this call inserted it: the
 * primary key makes the check and the insert one statement, so of two nodes racing with
 * the same replayed request exactly one sees `true`.
 */
export async function insertNonce(db: Db, accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> {
  const result = await db
    .insertInto('signature_nonces')
    .values({ access_key_id: accessKeyId, nonce, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['access_key_id', 'nonce']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Forgets nonces whose requests can no longer be accepted anyway (their date is too old). */
export async function deleteNoncesBefore(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('signature_nonces').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
