import type { SearchOrder } from '../../../../core/entries/read.js';
import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { orderDirection } from '../../paging/listing-fields.js';
import { MAX_QUERY_LENGTH, parseQuery } from '../../query/parse-query.js';
import { renderFile } from '../../render/file.js';

/**
 * SearchFileRequest's `order_by` (pds/main.tea: name, created_at, updated_at, size;
 * default updated_at), plus the `update_time` that ListFileRequest names, followed by an
 * optional ASC or DESC as PDS's own pages write it (`updated_at DESC`).
 */
const SEARCH_ORDER: Record<string, SearchOrder> = {
  name: 'name',
  created_at: 'created_at',
  updated_at: 'updated_at',
  update_time: 'updated_at',
  size: 'size',
};

/**
 * SearchFileRequest has no `order_direction`, but file/list does and clients send it to
 * both: it is honoured when `order_by` names no direction, and refused when it names the
 * other one (never silently dropped).
 */
function searchOrder(body: JsonObject): { orderBy: SearchOrder; direction: 'asc' | 'desc' } {
  const raw = fields.string(body, 'order_by', { maxLength: 64 });
  const separate = orderDirection(body);
  const [key = '', dir, ...rest] = (raw ?? '').trim().split(/\s+/);
  const orderBy = key === '' ? 'updated_at' : Object.hasOwn(SEARCH_ORDER, key) ? SEARCH_ORDER[key] : undefined;
  const named = dir === undefined ? undefined : /^(asc|desc)$/i.test(dir) ? (dir.toLowerCase() as 'asc' | 'desc') : null;
  if (orderBy === undefined || named === null || rest.length > 0) {
    throw invalid('order_by', `must be one of ${Object.keys(SEARCH_ORDER).join(', ')}, optionally followed by ASC or DESC`);
  }
  if (named !== undefined && separate !== undefined && named !== separate) {
    throw invalid('order_direction', `contradicts the direction order_by names (${named.toUpperCase()})`);
  }
  return { orderBy, direction: named ?? separate ?? 'asc' };
}

/**
 * POST /v2/file/search: live entries matching `query` (see query/parse-query.ts), keyset
 * paged in `order_by` order (ties by id, so markers never skip or repeat). With
 * `return_total_count: true` the answer carries `total_count`.
 */
export const searchFiles = userOperation({
  parse(body) {
    const query = fields.requiredString(body, 'query', { maxLength: MAX_QUERY_LENGTH });
    return {
      driveId: fields.requiredId(body, 'drive_id'),
      filter: parseQuery(query),
      limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 50,
      marker: fields.marker(body),
      ...searchOrder(body),
      withTotal: fields.boolean(body, 'return_total_count') ?? false,
    };
  },
  run: ({ salvage, actor }, input) =>
    salvage.entries.search(actor, {
      driveId: input.driveId,
      filter: input.filter,
      limit: input.limit,
      token: input.marker,
      // A marker belongs to its query: another query's marker is refused.
      scope: JSON.stringify(input.filter),
      orderBy: input.orderBy,
      direction: input.direction,
      withTotal: input.withTotal,
    }),
  render: (page) => ({
    status: 200,
    body: {
      items: page.items.map((e) => renderFile(e)),
      next_marker: page.nextToken,
      ...(page.total !== undefined && { total_count: page.total }),
    },
  }),
});
