import { XSRF_COOKIE } from '../../../web-session.js';
import { publicOperation } from '../../operation.js';
import { anonymousXsrfToken } from '../../session.js';

/**
 * GET /csrf: sets cookie XSRF-TOKEN. With a session cookie the token is that session's
 * (an HMAC of it, checked on every non-GET call); without one it is a fresh random value,
 * good for the login's double submit. The body repeats it, as Spring's /csrf does, so a
 * script need not parse its cookie jar.
 */
export const csrf = publicOperation(
  { method: 'GET', path: '/csrf', auth: 'none' },
  {
    parse: () => undefined,
    run: async ({ salvage, sessionCookie }) => (sessionCookie ? salvage.auth.xsrfTokenFor(sessionCookie) : anonymousXsrfToken()),
    render: (token) => ({
      status: 200,
      body: { headerName: 'X-XSRF-TOKEN', token },
      cookies: [{ name: XSRF_COOKIE, value: token, httpOnly: false, maxAgeSec: 12 * 3600 }],
    }),
  },
);
