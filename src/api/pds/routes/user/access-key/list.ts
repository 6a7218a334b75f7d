import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';
import { renderAccessKey } from '../../../render/user.js';

/** POST /v2/user/access_key/list: a user's keys, oldest first, without secrets. */
export const listAccessKeys = userOperation({
  parse: (body) => ({ userId: fields.requiredId(body, 'user_id') }),
  run: ({ salvage, actor }, input) => salvage.accessKeys.list(actor, input),
  render: (keys) => ({ status: 200, body: { items: keys.map(renderAccessKey), next_marker: '' } }),
});
