import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';

const POLICIES = ['refuse', 'transfer', 'delete'] as const;

/**
 * POST /v2/user/delete: admin only, 204. A user who owns drives is refused (409, naming
 * them) unless `drive_policy` is `transfer` (to `transfer_to_user_id`) or `delete`.
 */
export const deleteUser = userOperation({
  parse: (body) => ({
    userId: fields.requiredId(body, 'user_id'),
    drivePolicy: fields.oneOf(body, 'drive_policy', POLICIES),
    transferTo: fields.id(body, 'transfer_to_user_id'),
  }),
  run: ({ salvage, actor }, input) => salvage.users.remove(actor, input),
  render: () => ({ status: 204 }),
});
