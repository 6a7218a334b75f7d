import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { MAX_QUERY_LENGTH, parseQuery } from '../../query/parse-query.js';
import { renderBinItem } from '../../render/file.js';

/** The SDK's SearchFileRequest `order_by` values; the bin keeps its own order (see docs/pds.md). */
const ORDER_BY = ['name', 'created_at', 'updated_at', 'size'] as const;

/**
 * POST /v2/recyclebin/search_all: the bin's search (the JS SDK's searchFiles with
 * isRecycleBin). The same `query` language as /v2/file/search, over bin items only; no
 * query lists them all. Newest trashed first, keyset pages like /v2/recyclebin/list.
 */
export const searchRecycleBin = userOperation({
  parse(body) {
    const query = fields.string(body, 'query', { maxLength: MAX_QUERY_LENGTH });
    fields.oneOf(body, 'order_by', ORDER_BY);
    return {
      driveId: fields.requiredId(body, 'drive_id'),
      filter: query === undefined || query.trim() === '' ? undefined : parseQuery(query),
      // SearchFileRequest: 1-100, default 50.
      limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 50,
      marker: fields.marker(body),
    };
  },
  run: ({ salvage, actor }, input) =>
    salvage.bin.search(actor, {
      driveId: input.driveId,
      filter: input.filter,
      limit: input.limit,
      token: input.marker,
      // A marker belongs to its query: another query's marker is refused.
      scope: JSON.stringify(input.filter ?? null),
    }),
  render: (page) => ({ status: 200, body: { items: page.items.map(renderBinItem), next_marker: page.nextToken } }),
});
