import type { ChildOrder } from '../../../store/repositories/entries.repository.js';
import { fields, type JsonObject } from '../fields.js';

/**
 * Paging fields of the listings, with the SDK's ranges (pds/main.tea): ListFileRequest and
 * ListFileInRecycleBinRequest take `limit` 0-200, default 50. Salvage reads 0 as "not
 * set" (a client that fills in a zero value for a number it leaves unset gets the default
 * rather than an empty page); docs/pds.md records the decision.
 */
export function listLimit(body: JsonObject): number {
  const limit = fields.int(body, 'limit', { min: 0, max: 200 });
  return limit === undefined || limit === 0 ? 50 : limit;
}

/**
 * `order_by` of a folder listing: the SDK's `update_time` and `name` (ListFileRequest),
 * and the keys Salvage offered before and SearchFileRequest names (`created_at`,
 * `updated_at`, `size`). `update_time` is `updated_at` under the SDK's other name.
 */
const FOLDER_ORDER: Record<string, ChildOrder> = {
  name: 'name',
  update_time: 'updated_at',
  updated_at: 'updated_at',
  created_at: 'created_at',
  size: 'size',
};

export function folderOrder(body: JsonObject, values: readonly string[] = Object.keys(FOLDER_ORDER)): ChildOrder | undefined {
  const v = fields.oneOf(body, 'order_by', values);
  return v === undefined ? undefined : FOLDER_ORDER[v];
}

/** `order_direction`: ASC or DESC (either case). */
export function orderDirection(body: JsonObject): 'asc' | 'desc' | undefined {
  const v = fields.oneOf(body, 'order_direction', ['ASC', 'DESC'] as const, { ignoreCase: true });
  return v === undefined ? undefined : v === 'ASC' ? 'asc' : 'desc';
}
