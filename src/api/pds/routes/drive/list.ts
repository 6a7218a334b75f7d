import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderDrive } from '../../render/drive.js';

/** POST /v2/drive/list: the caller's drives (admin: all, or one owner's), oldest first. */
export const listDrives = userOperation({
  parse: (body) => ({
    owner: fields.id(body, 'owner'),
    limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 100,
    marker: fields.marker(body),
  }),
  run: ({ salvage, actor }, input) => salvage.drives.page(actor, { ownerId: input.owner, limit: input.limit, token: input.marker }),
  render: (page) => ({ status: 200, body: { items: page.items.map(renderDrive), next_marker: page.nextToken } }),
});
