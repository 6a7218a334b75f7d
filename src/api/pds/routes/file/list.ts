import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderFile } from '../../render/file.js';

const ORDER_BY = ['name', 'created_at', 'updated_at', 'size'] as const;

/**
 * POST /v2/file/list: one keyset page of a folder. A folder in the bin can be listed too
 * (browsing inside a trashed folder); its children then carry the bin item's trashed_at.
 */
export const listFiles = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    parentId: fields.id(body, 'parent_file_id') ?? 'root',
    limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 100,
    marker: fields.marker(body),
    orderBy: fields.oneOf(body, 'order_by', ORDER_BY) ?? 'name',
    direction: (fields.oneOf(body, 'order_direction', ['ASC', 'DESC'] as const, { ignoreCase: true }) ?? 'ASC').toLowerCase() as 'asc' | 'desc',
    type: fields.oneOf(body, 'type', ['file', 'folder'] as const),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.entries.browse(actor, {
      driveId: input.driveId,
      parentId: input.parentId,
      type: input.type,
      limit: input.limit,
      token: input.marker,
      orderBy: input.orderBy,
      direction: input.direction,
    }),
  render: (listing) => {
    const binnedAt = listing.where === 'bin' ? listing.deletedAt : null;
    return { status: 200, body: { items: listing.items.map((e) => renderFile(e, binnedAt)), next_marker: listing.nextToken } };
  },
});
