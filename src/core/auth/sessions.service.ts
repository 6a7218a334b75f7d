import { deleteSession, findSession, insertSession } from '../../store/repositories/auth.repository.js';
import { getUserById } from '../../store/repositories/users.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { User } from '../types.js';
import { hashToken, newSecretToken, signFields, verifyFields } from './secrets.js';

/**
 * The names the web UI's credentials travel under, shared by every dialect that accepts
 * them (PDS and Jobs): the HttpOnly session cookie, and the CSRF double-submit pair.
 */
export const SESSION_COOKIE = 'salvage_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

export const SESSION_TTL_SEC = 12 * 3600;

export interface NewSession {
  /** The session cookie's value; only its hash is stored. */
  sessionId: string;
  /** The XSRF-TOKEN value for this session (see xsrfTokenFor). */
  xsrfToken: string;
  expiresAt: number;
}

const unauthenticated = (why: string): DomainError => new DomainError('Unauthenticated', why);

/** Signs a user in for the web UI (the login route calls this after checking the password). */
export async function createSession(ctx: CoreContext, userId: string): Promise<NewSession> {
  const now = ctx.clock.now();
  const sessionId = newSecretToken();
  const expiresAt = now + SESSION_TTL_SEC * 1000;
  await insertSession(ctx.store.db, hashToken(sessionId), userId, expiresAt, now);
  return { sessionId, xsrfToken: await xsrfTokenFor(ctx, sessionId), expiresAt };
}

/**
 * The CSRF token of a session: an HMAC of the session id, so it needs no storage, any
 * node can check it, and a token from one session is worthless with another.
 */
export const xsrfTokenFor = (ctx: CoreContext, sessionId: string): Promise<string> => signFields(ctx, 'xsrf', [sessionId]);

/**
 * The user of a session, for a request that carried the session cookie, the XSRF-TOKEN
 * cookie and the X-XSRF-TOKEN header. The header must equal the cookie (double submit:
 * another site can make the browser send cookies, but cannot read them to set the header)
 * and must belong to this session.
 */
export async function userOfSession(
  ctx: CoreContext,
  input: { sessionId: string; xsrfCookie: string | undefined; xsrfHeader: string | undefined },
): Promise<User> {
  const { sessionId, xsrfCookie, xsrfHeader } = input;
  if (!xsrfHeader || !xsrfCookie || xsrfHeader !== xsrfCookie) {
    throw unauthenticated('The X-XSRF-TOKEN header must be present and equal the XSRF-TOKEN cookie.');
  }
  if (!(await verifyFields(ctx, 'xsrf', [sessionId], xsrfHeader))) {
    throw unauthenticated('The XSRF token does not belong to this session.');
  }
  const session = await findSession(ctx.store.db, hashToken(sessionId));
  if (!session || session.expiresAt <= ctx.clock.now()) throw unauthenticated('The session is invalid or expired.');
  const user = await getUserById(ctx.store.db, session.userId);
  if (!user) throw unauthenticated('The session is invalid or expired.');
  return user;
}

export async function endSession(ctx: CoreContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.store.db, hashToken(sessionId));
}
