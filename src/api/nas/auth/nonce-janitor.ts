import type { FastifyBaseLogger } from 'fastify';
import type { Salvage } from '../../../core/salvage.js';

/**
 * Forgets expired nonces now and then, on the request path but not in its way: at most
 * once a minute per node, without waiting for it. Expired nonces cannot be replayed
 * anyway (their request's date is out of the window), so a late purge only costs space.
 */
export function nonceJanitor(salvage: Salvage, log: FastifyBaseLogger, everyMs = 60_000): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const now = salvage.ctx.clock.now();
    if (now - last < everyMs) return;
    last = now;
    salvage.users.purgeSignatureNonces().catch((err: unknown) => log.warn({ err }, 'purging signature nonces failed'));
  };
}
