import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SESSION_TTL_SEC } from '../../core/auth/sessions.service.js';
import type { Salvage } from '../../core/salvage.js';
import type { User } from '../../core/types.js';
import { cookieName, doubleSubmitted, SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '../web-session.js';
import type { CookieChange } from './operation.js';
import { unauthorized } from './errors.js';

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A cookie of this request by its unprefixed name; see cookieName. */
const cookieOf = (req: FastifyRequest, name: string): string | undefined => req.cookies[cookieName(name, req.protocol === 'https')] || undefined;

export const sessionCookieOf = (req: FastifyRequest): string | undefined => cookieOf(req, SESSION_COOKIE);

/** The double-submit check (see doubleSubmitted); the CSRF token it carried. */
export function requireCsrfPair(req: FastifyRequest): string {
  const token = doubleSubmitted(single(req.headers[XSRF_HEADER]), cookieOf(req, XSRF_COOKIE));
  if (token === undefined) {
    throw unauthorized('The X-XSRF-TOKEN header must be present and equal the XSRF-TOKEN cookie (GET /csrf sets it).');
  }
  return token;
}

/** The token of `Authorization: Bearer <token>`; undefined without one or for another scheme. */
export function bearerTokenOf(req: FastifyRequest): string | undefined {
  const authorization = single(req.headers.authorization);
  return authorization === undefined ? undefined : /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization.trim())?.[1];
}

/**
 * The signed-in user: a PDS bearer token (scripts; no CSRF, no cookie involved), or the
 * session cookie. A GET needs only the cookie (it changes nothing, and a cross-site page
 * cannot read its answer); every other method also needs the CSRF pair, which must be the
 * one issued for this very session.
 */
export async function authenticateUser(req: FastifyRequest, salvage: Salvage): Promise<User> {
  if (single(req.headers.authorization) !== undefined) {
    const token = bearerTokenOf(req);
    if (token === undefined) throw unauthorized('The Authorization header must be "Bearer <access_token>".');
    return salvage.auth.userOfAccessToken(token);
  }
  const sessionId = sessionCookieOf(req);
  if (!sessionId) throw unauthorized('Sign in first: POST /v1/auth/login sets the session cookie.');
  const readOnly = req.method === 'GET' || req.method === 'HEAD';
  return salvage.auth.userOfSession({ sessionId, csrfToken: readOnly ? null : requireCsrfPair(req) });
}

/** A CSRF token for a browser with no session yet, good only for the login's double submit. */
export const anonymousXsrfToken = (): string => randomBytes(24).toString('base64url');

export const sessionCookies = (sessionId: string, xsrfToken: string): CookieChange[] => [
  { name: SESSION_COOKIE, value: sessionId, httpOnly: true, maxAgeSec: SESSION_TTL_SEC },
  // Readable by the page's script, which copies it into the X-XSRF-TOKEN header.
  { name: XSRF_COOKIE, value: xsrfToken, httpOnly: false, maxAgeSec: SESSION_TTL_SEC },
];

export const clearedCookies = (): CookieChange[] => [
  { name: SESSION_COOKIE, value: '', httpOnly: true, maxAgeSec: 0 },
  { name: XSRF_COOKIE, value: '', httpOnly: false, maxAgeSec: 0 },
];
