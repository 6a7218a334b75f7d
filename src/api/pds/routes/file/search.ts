import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { MAX_QUERY_LENGTH, parseQuery } from '../../query/parse-query.js';
import { renderFile } from '../../render/file.js';

/**
 * POST /v2/file/search: live entries matching `query` (see query/parse-query.ts), in a
 * stable order (by id) so markers never skip or repeat; `order_by` is accepted and ignored.
 */
export const searchFiles = userOperation({
  parse(body) {
    const query = fields.requiredString(body, 'query', { maxLength: MAX_QUERY_LENGTH });
    fields.string(body, 'order_by', { maxLength: 256 });
    return {
      driveId: fields.requiredId(body, 'drive_id'),
      filter: parseQuery(query),
      limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 100,
      marker: fields.marker(body),
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
    }),
  render: (page) => ({ status: 200, body: { items: page.items.map((e) => renderFile(e)), next_marker: page.nextToken } }),
});
