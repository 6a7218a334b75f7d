import { objectBody, requiredString } from '../../params.js';
import { publicOperation } from '../../operation.js';
import { isoSeconds } from '../../render/time.js';
import { sessionCookies } from '../../session.js';

/**
 * POST /v1/auth/login {username, password}: a new session. It needs the CSRF pair from
 * GET /csrf like every non-GET call (that stops another site signing a browser in as
 * someone else), and answers with the session's own XSRF-TOKEN, which replaces it.
 */
export const login = publicOperation(
  { method: 'POST', path: '/v1/auth/login', auth: 'csrf' },
  {
    parse(req) {
      const body = objectBody(req.body);
      return { username: requiredString(body, 'username', 256), password: requiredString(body, 'password', 1024) };
    },
    async run({ salvage, address }, input) {
      const user = await salvage.users.signIn({ username: input.username, password: input.password, address });
      return { user, session: await salvage.auth.createSession(user.id) };
    },
    render: ({ user, session }) => ({
      status: 200,
      // The answer carries the session and its CSRF token: no cache may keep it.
      headers: { 'cache-control': 'no-store' },
      body: { user: { id: user.id, name: user.name, isAdmin: user.isAdmin }, expiresAt: isoSeconds(session.expiresAt) },
      cookies: sessionCookies(session.sessionId, session.xsrfToken),
    }),
  },
);
