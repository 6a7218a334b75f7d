import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderBinItem } from '../../render/file.js';

/** POST /v2/recyclebin/list: bin items, newest trashed first, keyset pages. */
export const listRecycleBin = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    limit: fields.int(body, 'limit', { min: 1, max: 200 }) ?? 50,
    marker: fields.marker(body),
  }),
  run: ({ salvage, actor }, input) => salvage.bin.list(actor, { driveId: input.driveId, limit: input.limit, token: input.marker }),
  render: (page) => ({ status: 200, body: { items: page.items.map(renderBinItem), next_marker: page.nextToken } }),
});
