import type { FastifyRequest } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import type { Actor } from '../../core/types.js';
import { cookieName, doubleSubmitted, SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '../web-session.js';
import { accessTokenInvalid } from './errors.js';
import { actingVia } from '../client-dialect.js';

/** `Cookie:` header -> name/value pairs; a malformed pair is skipped, never an error. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // Not percent-decodable: not a cookie Salvage set.
    }
  }
  return cookies;
}

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The access token of `Authorization: Bearer <access_token>`, not yet checked; undefined
 * without that header. A header of any other form is 401 AccessTokenInvalid.
 */
export function bearerToken(req: FastifyRequest): string | undefined {
  const authorization = single(req.headers.authorization);
  if (authorization === undefined) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization.trim());
  if (!m) throw accessTokenInvalid('AccessToken is invalid: the Authorization header must be "Bearer <access_token>".');
  return m[1]!;
}

/**
 * Who is calling: `Authorization: Bearer <access_token>`, or the web UI's session cookie
 * with the CSRF pair (header X-XSRF-TOKEN equal to cookie XSRF-TOKEN). A bearer header
 * wins when both are sent. Anything else is 401 AccessTokenInvalid.
 */
export async function authenticate(req: FastifyRequest, salvage: Salvage): Promise<Actor> {
  const accessToken = bearerToken(req);
  if (accessToken !== undefined) return actingVia(salvage.users.actorOf(await salvage.auth.userOfAccessToken(accessToken)), req, 'pds');
  const cookies = parseCookies(single(req.headers.cookie));
  const secure = req.protocol === 'https';
  const sessionId = cookies.get(cookieName(SESSION_COOKIE, secure));
  if (sessionId) {
    const csrfToken = doubleSubmitted(single(req.headers[XSRF_HEADER]), cookies.get(cookieName(XSRF_COOKIE, secure)));
    if (csrfToken === undefined) throw accessTokenInvalid('The X-XSRF-TOKEN header must be present and equal the XSRF-TOKEN cookie.');
    return actingVia(salvage.users.actorOf(await salvage.auth.userOfSession({ sessionId, csrfToken })), req, 'pds');
  }
  throw accessTokenInvalid('AccessToken is missing: send Authorization: Bearer <access_token> (see /v2/account/token).');
}
