import type { FastifyRequest } from 'fastify';
import type { Actor, Dialect } from '../core/types.js';

/**
 * Salvage's own clients speak PDS and the Jobs API; they say which they are in this header
 * (`cli`, `ui`), so the audit trail can tell a CLI or web UI action from a plain API call.
 * It is the client's word, like a User-Agent: it only ever renames the dialect the request
 * came by, and grants nothing. Any other value is ignored.
 */
export const CLIENT_HEADER = 'x-salvage-client';

/** `actor`, marked with the dialect the request came by (or the client it names). */
export function actingVia(actor: Actor, req: FastifyRequest, dialect: Dialect): Actor {
  const sent = req.headers[CLIENT_HEADER];
  const client = (Array.isArray(sent) ? sent[0] : sent)?.trim().toLowerCase();
  return { ...actor, via: client === 'cli' || client === 'ui' ? client : dialect };
}
