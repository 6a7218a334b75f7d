import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { folderOrder, listLimit, orderDirection } from '../../paging/listing-fields.js';
import { renderFile } from '../../render/file.js';

/**
 * POST /v2/file/list: one keyset page of a live folder's live children. Nothing in the bin
 * shows here: a folder in the bin is NotFound.File, as the vendor's recycle-bin page says;
 * browsing inside it is /v2/recyclebin/list with parent_file_id.
 */
export const listFiles = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    parentId: fields.id(body, 'parent_file_id') ?? 'root',
    limit: listLimit(body),
    marker: fields.marker(body),
    orderBy: folderOrder(body) ?? 'name',
    direction: orderDirection(body) ?? 'asc',
    type: fields.oneOf(body, 'type', ['file', 'folder'] as const),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.entries.list(actor, {
      driveId: input.driveId,
      parentId: input.parentId,
      type: input.type,
      limit: input.limit,
      token: input.marker,
      orderBy: input.orderBy,
      direction: input.direction,
    }),
  render: (page) => ({ status: 200, body: { items: page.items.map((e) => renderFile(e)), next_marker: page.nextToken } }),
});
