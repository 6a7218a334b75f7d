import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';
import { renderAccessKey } from '../../../render/user.js';

/** POST /v2/user/access_key/create: 201; the secret is in this answer only. */
export const createAccessKey = userOperation({
  parse: (body) => ({ userId: fields.requiredId(body, 'user_id') }),
  run: ({ salvage, actor }, input) => salvage.accessKeys.add(actor, input),
  render: ({ key, secret }) => ({ status: 201, body: { ...renderAccessKey(key), access_key_secret: secret } }),
});
