import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';

/** POST /v2/user/access_key/delete: 204; the key stops working at once. */
export const deleteAccessKey = userOperation({
  parse: (body) => ({ accessKeyId: fields.requiredId(body, 'access_key_id') }),
  run: ({ salvage, actor }, input) => salvage.accessKeys.remove(actor, input),
  render: () => ({ status: 204 }),
});
