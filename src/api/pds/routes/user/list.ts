import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderUser } from '../../render/user.js';

/** POST /v2/user/list: every user for admins (by id, 1-100 a page); anyone else sees themself. */
export const listUsers = userOperation({
  parse: (body) => ({ limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 100, marker: fields.marker(body) }),
  run: ({ salvage, actor }, input) => salvage.users.page(actor, { limit: input.limit, token: input.marker }),
  render: (page) => ({ status: 200, body: { items: page.items.map(renderUser), next_marker: page.nextToken } }),
});
