import { userOperation } from '../../operation.js';

/**
 * GET /v1/users: the live users' ids and names. Kept for clients that map ids themselves;
 * answers that name someone (a bin item's `trashed_by_name`, a job's `createdByName`) now
 * carry the name, deleted users' included. Admin sees every user; anyone else only
 * themself, since they see only their own drives.
 */
export const listUsers = userOperation(
  { method: 'GET', path: '/v1/users' },
  {
    parse: () => undefined,
    run: async ({ salvage, user }) => (user.isAdmin ? salvage.users.all() : [user]),
    render: (users) => ({ status: 200, body: { users: users.map((u) => ({ id: u.id, name: u.name, isAdmin: u.isAdmin })) } }),
  },
);
