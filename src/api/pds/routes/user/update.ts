import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderUser } from '../../render/user.js';
import { email, nickName, password, ROLES, STATUSES } from './user-fields.js';

/**
 * POST /v2/user/update: admins change anyone; a user their own nick name, and their own
 * password with `old_password`.
 */
export const updateUser = userOperation({
  parse: (body) => ({
    userId: fields.requiredId(body, 'user_id'),
    nickName: nickName(body),
    email: email(body),
    role: fields.oneOf(body, 'role', ROLES),
    status: fields.oneOf(body, 'status', STATUSES),
    password: password(body),
    oldPassword: fields.string(body, 'old_password', { maxLength: 1024 }),
  }),
  run: ({ salvage, actor }, input) => salvage.users.update(actor, input),
  render: (user) => ({ status: 200, body: renderUser(user) }),
});
