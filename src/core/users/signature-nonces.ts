import { deleteNoncesBefore, insertNonce } from '../../store/repositories/nonces.repository.js';
import { touchAccessKey } from '../../store/repositories/users.repository.js';
import type { CoreContext } from '../context.js';
import { isStorageFull, storageFull } from '../errors.js';

/** Nonces of reads accepted while the disk was full, by key and nonce, until their window ends. */
const memoryNonces = new Map<string, number>();
const MEMORY_NONCES_MAX = 100_000;

function acceptInMemory(input: { accessKeyId: string; nonce: string; until: number }, now: number): boolean {
  const key = `${input.accessKeyId}\n${input.nonce}`;
  if ((memoryNonces.get(key) ?? 0) > now) return false;
  if (memoryNonces.size >= MEMORY_NONCES_MAX) {
    for (const [k, until] of memoryNonces) if (until <= now) memoryNonces.delete(k);
    // Still full: too many reads to remember while the disk is full; refused as writes are.
    if (memoryNonces.size >= MEMORY_NONCES_MAX) throw storageFull();
  }
  memoryNonces.set(key, input.until);
  return true;
}

/**
 * Accepts a signed request's nonce once, for every node sharing the database. `until` is
 * when the request's own date leaves the accepted window: after that the signature check
 * refuses a replay by its date, so the nonce need not be kept. On a full disk the nonce
 * cannot be recorded: a request that only reads (`readOnly`) is accepted all the same,
 * its nonce kept in this process's memory (a replay on another node within the window
 * could only repeat a read), so reads keep working; any other is refused (StorageFull).
 */
export async function acceptSignatureNonce(
  ctx: CoreContext,
  input: { accessKeyId: string; nonce: string; until: number; readOnly?: boolean },
): Promise<boolean> {
  let fresh: boolean;
  try {
    fresh = await insertNonce(ctx.store.db, input.accessKeyId, input.nonce, input.until);
  } catch (err) {
    if (!(input.readOnly && isStorageFull(err))) throw err;
    return acceptInMemory(input, ctx.clock.now());
  }
  // Only a good signature gets here: the key was used (the access-key list shows when).
  if (fresh) await touchAccessKey(ctx.store.db, input.accessKeyId, ctx.clock.now());
  return fresh;
}

/** Forgets nonces that no request can reuse any more. */
export async function purgeSignatureNonces(ctx: CoreContext): Promise<number> {
  return deleteNoncesBefore(ctx.store.db, ctx.clock.now());
}
