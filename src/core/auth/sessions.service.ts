import { deleteSession, findSessionUser, insertSession } from '../../store/repositories/auth.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { User } from '../types.js';
import { hashToken, newSecretToken, signFields, verifyFields } from './secrets.js';

export const SESSION_TTL_SEC = 12 * 3600;

export interface NewSession {
  /** The session cookie's value; only its hash is stored. */
  sessionId: string;
  /** The XSRF-TOKEN value for this session (see xsrfTokenFor). */
  xsrfToken: string;
  expiresAt: number;
}

const unauthenticated = (why: string): DomainError => new DomainError('Unauthenticated', why, { reason: why });

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
 * The user of a session. `csrfToken` is the CSRF token the request carried (the dialect
 * has checked how it travelled, e.g. a double submit) and must be the one issued for this
 * very session; null for a request that changes nothing (a GET), which needs none.
 */
export async function userOfSession(
  ctx: CoreContext,
  input: { sessionId: string; csrfToken: string | null },
): Promise<User> {
  const { sessionId, csrfToken } = input;
  if (csrfToken !== null && !(await verifyFields(ctx, 'xsrf', { fields: [sessionId], signature: csrfToken }))) {
    throw unauthenticated('the XSRF token does not belong to this session');
  }
  const found = await findSessionUser(ctx.store.db, hashToken(sessionId));
  if (!found || found.expiresAt <= ctx.clock.now()) throw unauthenticated('the session is invalid or expired');
  return found.user;
}

export async function endSession(ctx: CoreContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.store.db, hashToken(sessionId));
}
