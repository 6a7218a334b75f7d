import type { BinOrder } from '../../../../core/recycle-bin/list-bin.js';
import type { ChildOrder } from '../../../../store/repositories/entries.repository.js';
import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { folderOrder, listLimit, orderDirection } from '../../paging/listing-fields.js';
import { renderBinItem, renderInsideBin } from '../../render/file.js';

/** ListFileInRecycleBinRequest's `order_by` values (pds/main.tea). */
const BIN_ORDER = ['update_time', 'name'] as const;

interface Paging {
  driveId: string;
  limit: number;
  token: string | undefined;
  direction: 'asc' | 'desc' | undefined;
}

type ListInput =
  | (Paging & { kind: 'bin'; orderBy: BinOrder })
  | (Paging & { kind: 'inside'; folderId: string; orderBy: ChildOrder; type: 'file' | 'folder' | undefined });

function parse(body: JsonObject): ListInput {
  const paging: Paging = {
    driveId: fields.requiredId(body, 'drive_id'),
    limit: listLimit(body),
    token: fields.marker(body),
    direction: orderDirection(body),
  };
  const folderId = fields.id(body, 'parent_file_id');
  // ListFileInRecycleBinRequest's `type` filter: inside a folder it is the folder
  // listing's filter; over the whole bin a filter could read the bin to fill one page,
  // so there it is refused rather than ignored.
  const type = fields.oneOf(body, 'type', ['file', 'folder'] as const);
  // `root` is never in the bin: a client naming it (the SDK's example value) means the bin.
  if (folderId !== undefined && folderId !== 'root') {
    return { ...paging, kind: 'inside', folderId, orderBy: folderOrder(body, BIN_ORDER) ?? 'name', type };
  }
  if (type !== undefined) throw invalid('type', 'filters only inside a trashed folder (with parent_file_id)');
  // A bin item's update time is when it went to the bin (trashing is its last change).
  const orderBy = fields.oneOf(body, 'order_by', BIN_ORDER) === 'name' ? 'name' : 'trashedAt';
  return { ...paging, kind: 'bin', orderBy };
}

/**
 * POST /v2/recyclebin/list: bin items, newest trashed first (or by `order_by`), keyset
 * pages. With `parent_file_id` naming a folder in the bin (a Salvage extension; the SDK's
 * ListFileInRecycleBinRequest declares the field too): that folder's children, by name
 * unless `order_by` says otherwise, paged the same way. A folder not in the bin is
 * NotFound.File; `root` (the SDK's example value) lists the bin itself.
 */
export const listRecycleBin = userOperation({
  parse,
  async run({ salvage, actor }, input) {
    if (input.kind === 'bin') return { kind: input.kind, page: await salvage.bin.list(actor, input) };
    return { kind: input.kind, page: await salvage.bin.listInside(actor, { ...input, field: 'parentId' }) };
  },
  render: (r) => ({
    status: 200,
    body:
      r.kind === 'bin'
        ? { items: r.page.items.map(renderBinItem), next_marker: r.page.nextToken }
        : { items: r.page.items.map((e) => renderInsideBin(e, r.page)), next_marker: r.page.nextToken },
  }),
});
