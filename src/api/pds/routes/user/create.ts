import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderUser } from '../../render/user.js';
import { email, nickName, password, ROLES, STATUSES } from './user-fields.js';

/** POST /v2/user/create: admin only; the user comes with their default drive. 201 with the user. */
export const createUser = userOperation({
  parse: (body) => ({
    name: fields.requiredString(body, 'user_name', { maxLength: 64 }),
    nickName: nickName(body),
    // The SDK's default role is user.
    role: fields.oneOf(body, 'role', ROLES) ?? 'user',
    status: fields.oneOf(body, 'status', STATUSES),
    password: password(body),
    email: email(body),
  }),
  run: ({ salvage, actor }, input) => salvage.users.add(actor, input),
  render: (user) => ({ status: 201, body: renderUser(user) }),
});
