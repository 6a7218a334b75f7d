import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';
import { renderAccessKey } from '../../../render/user.js';
import { STATUSES } from '../user-fields.js';

/** POST /v2/user/access_key/update: enables or disables a key. */
export const updateAccessKey = userOperation({
  parse: (body) => ({
    accessKeyId: fields.requiredId(body, 'access_key_id'),
    status: fields.requiredOneOf(body, 'status', STATUSES),
  }),
  run: ({ salvage, actor }, input) => salvage.accessKeys.setState(actor, input),
  render: (key) => ({ status: 200, body: renderAccessKey(key) }),
});
