import { userOperation } from '../../operation.js';

/**
 * GET /v1/users: user ids and names, so a client can say who trashed an item (PDS reports
 * `trashed_by` as an id). Admin sees every user; anyone else only themself, since they see
 * only their own drives.
 */
export const listUsers = userOperation(
  { method: 'GET', path: '/v1/users' },
  {
    parse: () => undefined,
    run: async ({ salvage, user }) => (user.isAdmin ? salvage.users.all() : [user]),
    render: (users) => ({ status: 200, body: { users: users.map((u) => ({ id: u.id, name: u.name, isAdmin: u.isAdmin })) } }),
  },
);
