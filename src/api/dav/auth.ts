import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import type { Salvage } from '../../core/salvage.js';
import type { Actor } from '../../core/types.js';

const challenge = () => new DomainError('Unauthenticated', 'no credentials', { reason: 'sign in with your user name and password, or an access key id and its secret' });

/**
 * Who is calling: HTTP Basic (RFC 7617) with a user name and password, or an access key
 * id and its secret (an app password, revocable on its own). There is no anonymous access;
 * no credentials, or wrong ones, answer 401 with the Basic challenge.
 */
export async function authenticate(req: FastifyRequest, salvage: Salvage): Promise<Actor> {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m) throw challenge();
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw challenge();
  const user = await salvage.dav.signIn({ name: decoded.slice(0, colon), secret: decoded.slice(colon + 1), address: req.ip });
  return { ...salvage.users.actorOf(user), via: 'webdav' };
}
