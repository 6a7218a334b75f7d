import type { BulkPreview, PreviewItem } from '../../../../core/recycle-bin/bulk.js';
import type { Job } from '../../../../core/types.js';
import type { BinFilter } from '../../../../store/repositories/bin-filter.js';
import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { MAX_QUERY_LENGTH, parseBinQuery } from '../../query/parse-query.js';
import { renderBinItem } from '../../render/file.js';
import { DOMAIN_ID } from '../../render/time.js';
import { hasOrigParent } from './search-all.js';

/**
 * What restore_all and delete_all work on: search_all's `query` (bin items only: no
 * include_descendants), a `deletion_event_id`, or both (items of that event the query finds).
 */
function parseTarget(body: JsonObject) {
  const query = fields.string(body, 'query', { maxLength: MAX_QUERY_LENGTH });
  const searched = query === undefined || query.trim() === '' ? undefined : parseBinQuery(query);
  const includeSubfolders = fields.boolean(body, 'include_subfolders') ?? false;
  if (includeSubfolders && !hasOrigParent(searched)) throw invalid('include_subfolders', 'needs an original_parent_file_id condition in query');
  if (fields.boolean(body, 'include_descendants')) {
    throw invalid('include_descendants', 'restore_all and delete_all work on bin items: a trashed folder goes with all it holds');
  }
  const eventId = fields.id(body, 'deletion_event_id');
  const event: BinFilter | undefined = eventId === undefined ? undefined : { kind: 'deletionEvent', value: eventId };
  const filter: BinFilter | undefined = searched && event ? { kind: 'and', items: [event, searched] } : (searched ?? event);
  return { driveId: fields.requiredId(body, 'drive_id'), filter, includeSubfolders, dryRun: fields.boolean(body, 'dry_run') ?? false };
}

const renderPreview = (p: BulkPreview) => ({
  status: 200,
  body: {
    count: p.count,
    size: p.bytes,
    items: p.items.map((i: PreviewItem) => ({
      ...renderBinItem(i),
      ...(i.destinationPath !== undefined && { destination_path: i.destinationPath, restored_name: i.restoredName }),
    })),
  },
});

const renderJob = (job: Job) => ({ status: 202, body: { domain_id: DOMAIN_ID, drive_id: job.driveId, async_task_id: String(job.id) } });

/**
 * POST /v2/recyclebin/restore_all: every bin item the query (or deletion event) finds, back
 * to where it was, as one task; `dry_run: true` answers what it would do instead (200
 * `{count, size, items}`, each item with `destination_path` and `restored_name`).
 */
export const restoreAll = userOperation({
  parse: (body) => ({ ...parseTarget(body), clientToken: fields.string(body, 'client_token', { maxLength: 128 }) }),
  run: async ({ salvage, actor }, input) => {
    const { dryRun, ...rest } = input;
    return dryRun ? await salvage.bin.previewBulk(actor, { ...rest, action: 'restore' }) : await salvage.bin.restoreAll(actor, rest);
  },
  render: (r) => ('items' in r ? renderPreview(r) : renderJob(r)),
});

/**
 * POST /v2/recyclebin/delete_all: every bin item the query (or deletion event) finds,
 * purged as one task, but for what a retention lock holds (failed items of the task's
 * report); `dry_run: true` answers `{count, size, items}` and changes nothing.
 */
export const deleteAll = userOperation({
  parse: (body) => ({
    ...parseTarget(body),
    bypassLock: fields.boolean(body, 'bypass_governance_retention'),
    clientToken: fields.string(body, 'client_token', { maxLength: 128 }),
  }),
  run: async ({ salvage, actor }, input) => {
    const { dryRun, ...rest } = input;
    return dryRun ? await salvage.bin.previewBulk(actor, { ...rest, action: 'delete' }) : await salvage.bin.deleteAll(actor, rest);
  },
  render: (r) => ('items' in r ? renderPreview(r) : renderJob(r)),
});
