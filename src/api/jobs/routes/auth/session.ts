import { userOperation } from '../../operation.js';

/** GET /v1/auth/session: who is signed in (the web UI asks this on load; 401 means "show the sign-in page"). */
export const currentSession = userOperation(
  { method: 'GET', path: '/v1/auth/session' },
  {
    parse: () => undefined,
    run: async ({ user }) => user,
    render: (user) => ({ status: 200, body: { user: { id: user.id, name: user.name, isAdmin: user.isAdmin } } }),
  },
);
