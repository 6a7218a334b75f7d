import { userOperation } from '../../operation.js';
import { clearedCookies } from '../../session.js';

/** POST /v1/auth/logout: ends the session on the server (the cookie is then worthless) and clears both cookies. */
export const logout = userOperation(
  { method: 'POST', path: '/v1/auth/logout' },
  {
    parse: () => undefined,
    run: async ({ salvage, sessionCookie }) => {
      if (sessionCookie) await salvage.auth.endSession(sessionCookie);
    },
    render: () => ({ status: 204, cookies: clearedCookies() }),
  },
);
