import { deleteNoncesBefore, insertNonce } from '../../store/repositories/nonces.repository.js';
import { touchAccessKey } from '../../store/repositories/users.repository.js';
import type { CoreContext } from '../context.js';

/**
 * Accepts a signed request's nonce once, for every node sharing the database. `until` is
 * when the request's own date leaves the accepted window: after that the signature check
 * refuses a replay by its date, so the nonce need not be kept.
 */
export async function acceptSignatureNonce(
  ctx: CoreContext,
  input: { accessKeyId: string; nonce: string; until: number },
): Promise<boolean> {
  const fresh = await insertNonce(ctx.store.db, input.accessKeyId, input.nonce, input.until);
  // Only a good signature gets here: the key was used (the access-key list shows when).
  if (fresh) await touchAccessKey(ctx.store.db, input.accessKeyId, ctx.clock.now());
  return fresh;
}

/** Forgets nonces that no request can reuse any more. */
export async function purgeSignatureNonces(ctx: CoreContext): Promise<number> {
  return deleteNoncesBefore(ctx.store.db, ctx.clock.now());
}
