import type { BinFilter } from '../../store/repositories/bin-filter.js';
import { binSearchTotals, type BinHit, searchBinRows } from '../../store/repositories/bin-search.repository.js';
import { type ChainLink, takenNames } from '../../store/repositories/entries.repository.js';
import { activeJobs, getJob } from '../../store/repositories/jobs.repository.js';
import type { Db } from '../../store/store.js';
import { requireDrive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { idempotent } from '../idempotency.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { recordAudit } from '../audit/record.js';
import { restoredTag, suffixedName } from '../names.js';
import { locate } from '../tree/locate.js';
import { withActorNames } from '../users/actor-names.js';
import type { Actor, ActorNames, BinItem, BulkParams, Drive, Job } from '../types.js';
import { toBinItem } from './list-bin.js';
import { lockBypass } from './retention-lock.js';
import { withFolderPaths } from './search-bin.js';

/** What a bulk job does to every bin item it finds. */
export type BulkAction = 'restore' | 'delete';

export interface BulkInput {
  driveId: string;
  action: BulkAction;
  /** The bin search's filter (search_all's query, or one deletion event); absent: every bin item. */
  filter?: BinFilter;
  /** `origParent` conditions also match items deleted from the folders below (as search_all). */
  includeSubfolders?: boolean;
  /** An admin's explicit bypass of a governance retention lock (delete only). */
  bypassLock?: boolean;
  clientToken?: string;
}

/** Bin items a dry run lists (the rest are counted). */
export const PREVIEW_ITEMS = 100;

/** A bin item a dry run lists; a restore's also says where it would go and under which name. */
export type PreviewItem = BinItem & ActorNames & { destinationPath?: string; restoredName?: string };

export interface BulkPreview {
  count: number;
  /** Bytes of the items found, their subtrees included. */
  bytes: number;
  items: PreviewItem[];
}

/** Who may do it: a restore is an editor's, a permanent delete the owner's (as one item's). */
const NEED = { restore: 'editor', delete: 'owner' } as const;

/**
 * The last trash time a job asked for at `now` takes: the millisecond before. A trash
 * committed after the job's (trashes of a drive take turns on its lock) may land in the
 * same millisecond, and must not be touched; one committed just before, in that same
 * millisecond, is left too, the lesser harm. A clock stepped back is not guarded against.
 */
const cutoffAt = (now: number): number => now - 1;

/** The job's own filter: what was asked, up to the cutoff (nothing trashed after the job started). */
export const upToCutoff = (params: BulkParams): BinFilter => {
  const cut: BinFilter = { kind: 'trashedAt', op: '<=', value: params.cutoff };
  return params.filter === null ? cut : { kind: 'and', items: [params.filter, cut] };
};

/** One page of a bulk job's items, oldest first (the order the job goes in), after `after`. */
export function bulkItems(ctx: CoreContext, db: Db, page: { drive: Drive; params: BulkParams; limit: number }): Promise<BinHit[]> {
  const { drive, params, limit } = page;
  return searchBinRows(db, {
    driveId: drive.id,
    hiddenBefore: drive.binHiddenBefore,
    filter: upToCutoff(params),
    orderBy: 'trashedAt',
    direction: 'asc',
    after: params.after && { key: params.after.trashedAt, id: params.after.id },
    limit,
    trigramTable: ctx.store.capabilities.trigramTable,
    crossJoinOrders: ctx.store.capabilities.crossJoinOrders,
  });
}

/** How many items a bulk job has left, and their bytes. */
export const bulkTotals = (ctx: CoreContext, db: Db, { drive, params }: { drive: Drive; params: BulkParams }) =>
  binSearchTotals(db, {
    driveId: drive.id,
    hiddenBefore: drive.binHiddenBefore,
    filter: upToCutoff(params),
    trigramTable: ctx.store.capabilities.trigramTable,
    crossJoinOrders: ctx.store.capabilities.crossJoinOrders,
  });

/**
 * What a bulk restore or delete would do now, changing nothing: how many bin items, their
 * bytes, and the first PREVIEW_ITEMS in the order the job takes them. For a restore, each
 * says the folder it would go back to and the name it would take there, `(restored)`
 * variants included, counting the names the items before it in the list would take.
 */
export async function previewBulk(ctx: CoreContext, actor: Actor, input: BulkInput): Promise<BulkPreview> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId: input.driveId, need: NEED[input.action] });
  const filter = await resolvedFilter(db, drive, input);
  const params: BulkParams = { filter, cutoff: cutoffAt(ctx.clock.now()) };
  const totals = await bulkTotals(ctx, db, { drive, params });
  const hits = await bulkItems(ctx, db, { drive, params, limit: PREVIEW_ITEMS });
  const now = ctx.clock.now();
  const items: PreviewItem[] = await withActorNames(db, hits.map((h) => toBinItem(drive, h.entry, now)));
  if (input.action === 'restore') {
    const planned = new Map<string, Set<string>>();
    for (const item of items) Object.assign(item, await predictRestore(db, drive, item, planned));
  }
  return { count: totals.count, bytes: totals.bytes, items };
}

/**
 * Where a restore would put `item` and its name there, as applyRestore decides: its
 * original folder if live (a taken name becomes `name (restored).ext`, ...); if that folder
 * is in the bin, the same path, made again; if it is gone, the root. `planned` holds the
 * names the items before it would take, by folder.
 */
async function predictRestore(
  db: Db,
  drive: Drive,
  item: BinItem,
  planned: Map<string, Set<string>>,
): Promise<{ destinationPath: string; restoredName: string }> {
  const where = item.origParentId === null ? undefined : await locate(db, drive, item.origParentId);
  const live = where?.state === 'live';
  const original = item.origPath ?? `/${item.name}`;
  const folderPath = !where || where.state === 'gone' ? '/' : live ? where.path : original.slice(0, original.lastIndexOf('/')) || '/';
  // A folder made again holds nothing yet but what this restore brings.
  const parentId = live ? item.origParentId! : folderPath === '/' && where?.state !== 'binned' ? 'root' : null;
  const key = parentId ?? `path:${folderPath}`;
  const mine = planned.get(key) ?? new Set<string>();
  planned.set(key, mine);
  if (where?.state === 'binned') claimRemadeTop(where.chain, planned);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? item.name : suffixedName({ name: item.name, type: item.type }, n, restoredTag);
    const taken = mine.has(candidate) || (parentId !== null && (await takenNames(db, drive.id, parentId, [candidate])).size > 0);
    if (!taken) {
      mine.add(candidate);
      return { destinationPath: folderPath, restoredName: candidate };
    }
  }
}

/**
 * A restore into a folder in the bin makes its path again below the nearest live folder:
 * the top folder it makes takes its name there, for the items after it (a folder of that
 * name restored later becomes `(restored)`, as single restores in this order would have it).
 */
function claimRemadeTop(chain: ChainLink[], planned: Map<string, Set<string>>): void {
  const highest = chain.findLastIndex((l) => l.trashedAt !== null);
  const parent = chain[highest + 1];
  if (highest === -1 || parent === undefined) return;
  const names = planned.get(parent.id) ?? new Set<string>();
  names.add(chain[highest]!.name);
  planned.set(parent.id, names);
}

/** The filter as the job keeps it: `include_subfolders` turned into path ranges now. */
async function resolvedFilter(db: Db, drive: Drive, input: BulkInput): Promise<BinFilter | null> {
  if (!input.filter) return null;
  return input.includeSubfolders ? withFolderPaths(db, drive, input.filter) : input.filter;
}

/**
 * Queues one job restoring (or purging) every bin item the filter finds, trashed up to now:
 * an item trashed after this commit is never touched. It runs in batches, behind any job
 * already on the drive; items it cannot do are failed items of its report.
 */
export async function enqueueBulk(ctx: CoreContext, actor: Actor, input: BulkInput): Promise<Job> {
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: NEED[input.action] }, async (w) => {
    const now = ctx.clock.now();
    const filter = await resolvedFilter(w.tx, w.drive, input);
    const bypassLock = input.action === 'delete' ? lockBypass(actor, w.drive, input.bypassLock) : false;
    const scope = `${input.action}_all`;
    const key = { actor, token: input.clientToken, scope, params: { driveId: w.drive.id, filter, bypassLock: bypassLock || undefined }, now };
    const id = await idempotent(w, key, async () => {
      const params: BulkParams = { filter, cutoff: cutoffAt(now) };
      const { count, bytes } = await bulkTotals(ctx, w.tx, { drive: w.drive, params });
      const common = { actor, targetId: null, targetName: w.drive.name, total: count, policy: 'queue' as const, active: await activeJobs(w.tx, w.drive.id) };
      const created =
        input.action === 'restore'
          ? await enqueueJob(ctx, w, { ...common, type: 'restore_all', params })
          : await enqueueJob(ctx, w, { ...common, type: 'delete_all', params: bypassLock ? { ...params, bypassLock } : params });
      await recordAudit(w.tx, {
        at: now,
        actor,
        action: input.action,
        outcome: 'accepted',
        driveId: w.drive.id,
        name: w.drive.name,
        bytes,
        jobId: created.id,
        detail: `${count} bin items${bypassLock ? ', retention lock bypassed' : ''}`,
      });
      return created.id;
    });
    return (await getJob(w.tx, id))!;
  });
  ctx.wakeEngine();
  return job;
}
