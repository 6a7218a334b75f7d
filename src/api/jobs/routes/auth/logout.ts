import { userOperation } from '../../operation.js';
import { clearedCookies } from '../../session.js';

/**
 * POST /v1/auth/logout: ends what the request signed in with, on the server: the session
 * of its cookie (the cookie is then worthless), and the sign-in of its bearer token (that
 * token's whole family: the access token and the refresh token that came with it). Clears
 * both cookies.
 */
export const logout = userOperation(
  { method: 'POST', path: '/v1/auth/logout' },
  {
    parse: () => undefined,
    run: async ({ salvage, sessionCookie, bearerToken }) => {
      if (sessionCookie) await salvage.auth.endSession(sessionCookie);
      if (bearerToken) await salvage.auth.revokeAccessToken(bearerToken);
    },
    render: () => ({ status: 204, cookies: clearedCookies() }),
  },
);
