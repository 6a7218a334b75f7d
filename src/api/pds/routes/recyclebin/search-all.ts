import type { BinSearchItem } from '../../../../core/recycle-bin/search-bin.js';
import { type BinFilter, eachCondition } from '../../../../store/repositories/bin-filter.js';
import type { BinSearchOrder } from '../../../../store/repositories/bin-search.repository.js';
import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { orderDirection } from '../../paging/listing-fields.js';
import { MAX_QUERY_LENGTH, parseBinQuery } from '../../query/parse-query.js';
import { renderBinItem } from '../../render/file.js';

/**
 * `order_by` as SearchFileRequest writes it (a key, optionally followed by ASC or DESC):
 * trashed_at, name or size. created_at and updated_at, which this operation accepted
 * before and answered in its own order, still mean that order: trash time.
 */
const BIN_ORDER: Record<string, BinSearchOrder> = {
  trashed_at: 'trashedAt',
  name: 'name',
  size: 'size',
  created_at: 'trashedAt',
  updated_at: 'trashedAt',
};

function binOrder(body: JsonObject): { orderBy: BinSearchOrder; direction: 'asc' | 'desc' | undefined } {
  const raw = fields.string(body, 'order_by', { maxLength: 64 });
  const separate = orderDirection(body);
  const [key = '', dir, ...rest] = (raw ?? '').trim().split(/\s+/);
  const orderBy = key === '' ? 'trashedAt' : Object.hasOwn(BIN_ORDER, key) ? BIN_ORDER[key] : undefined;
  const named = dir === undefined ? undefined : /^(asc|desc)$/i.test(dir) ? (dir.toLowerCase() as 'asc' | 'desc') : null;
  if (orderBy === undefined || named === null || rest.length > 0) {
    throw invalid('order_by', 'must be one of trashed_at, name or size, optionally followed by ASC or DESC');
  }
  if (named !== undefined && separate !== undefined && named !== separate) {
    throw invalid('order_direction', `contradicts the direction order_by names (${named.toUpperCase()})`);
  }
  return { orderBy, direction: named ?? separate };
}

export function hasOrigParent(filter: BinFilter | undefined): boolean {
  let found = false;
  if (filter) eachCondition(filter, (c) => (found ||= c.kind === 'origParent'));
  return found;
}

/**
 * POST /v2/recyclebin/search_all: the bin's search (the JS SDK's searchFiles with
 * isRecycleBin). The `query` language of /v2/file/search plus the bin's own fields (see
 * query/parse-query.ts and docs/pds.md); no query lists every bin item. Newest trashed
 * first unless `order_by` says otherwise; keyset pages. `include_subfolders` widens
 * original_parent_file_id to the folders below; `include_descendants` finds entries inside
 * trashed folders too, each naming the bin item that holds it (`bin_item_id`).
 */
export const searchRecycleBin = userOperation({
  parse(body) {
    const query = fields.string(body, 'query', { maxLength: MAX_QUERY_LENGTH });
    const filter = query === undefined || query.trim() === '' ? undefined : parseBinQuery(query);
    const includeSubfolders = fields.boolean(body, 'include_subfolders') ?? false;
    if (includeSubfolders && !hasOrigParent(filter)) {
      throw invalid('include_subfolders', 'needs an original_parent_file_id condition in query');
    }
    return {
      driveId: fields.requiredId(body, 'drive_id'),
      filter,
      includeSubfolders,
      includeDescendants: fields.boolean(body, 'include_descendants') ?? false,
      // SearchFileRequest: 1-100, default 50.
      limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 50,
      marker: fields.marker(body),
      ...binOrder(body),
    };
  },
  run: ({ salvage, actor }, input) =>
    salvage.bin.search(actor, {
      driveId: input.driveId,
      filter: input.filter,
      orderBy: input.orderBy,
      direction: input.direction,
      includeSubfolders: input.includeSubfolders,
      includeDescendants: input.includeDescendants,
      limit: input.limit,
      token: input.marker,
      // A marker belongs to its query: another query's marker is refused.
      scope: JSON.stringify(input.filter ?? null),
    }),
  render: (page) => ({
    status: 200,
    body: { items: page.items.map((i: BinSearchItem) => ({ ...renderBinItem(i), bin_item_id: i.binItemId })), next_marker: page.nextToken },
  }),
});
