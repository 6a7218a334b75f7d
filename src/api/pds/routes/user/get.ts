import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderUser } from '../../render/user.js';

/** POST /v2/user/get: admins get anyone, a user themself. */
export const getUser = userOperation({
  parse: (body) => ({ userId: fields.requiredId(body, 'user_id') }),
  run: ({ salvage, actor }, input) => salvage.users.find(actor, input.userId),
  render: (user) => ({ status: 200, body: renderUser(user) }),
});
