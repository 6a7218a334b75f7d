import type fc from 'fast-check';
import { expect } from 'vitest';
import type { BinFilter } from '../../../../src/store/repositories/bin-filter.js';
import { finalJob, liveChildId, type RealDrive } from '../real-drive.js';
import type { ModelEntry, TreeModel } from '../reference-model.js';
import { settle } from './settle.js';

/** What a bulk command finds: one deletion event of the run, a name substring, or the whole bin. */
export type BulkQuery = { kind: 'event'; n: number } | { kind: 'name'; value: string } | { kind: 'all' };

/** What the issue 14 commands did, printed after the suite: a bulk job of nothing tests little. */
export const bulkStats = { restoreAll: 0, restoredItems: 0, deleteAll: 0, purgedItems: 0, heldItems: 0, eventTrashes: 0, locksSet: 0, locksRefused: 0 };

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The query as the core takes it, and which trash roots it matches in the model. */
function resolve(model: TreeModel, query: BulkQuery): { filter?: BinFilter; matches: (e: ModelEntry) => boolean } {
  if (query.kind === 'all') return { matches: () => true };
  if (query.kind === 'name') return { filter: { kind: 'nameContains', value: query.value }, matches: (e) => fold(e.name).includes(fold(query.value)) };
  // An event of this run (maybe restored or purged since), or one that never was.
  const event = model.events.length === 0 ? 'e-never' : model.events[query.n % model.events.length]!;
  return { filter: { kind: 'deletionEvent', value: event }, matches: (e) => e.eventId === event };
}

/** The bin items a bulk job takes: those matching, trashed up to its cutoff, oldest first. */
const taken = (model: TreeModel, matches: (e: ModelEntry) => boolean, cutoff: number) =>
  model.binRootsOldestFirst().filter((e) => matches(e) && e.trashedAt! <= cutoff);

/**
 * restore_all (issue 14 item 3): a dry run first, which must name what the job then
 * restores, then the job; the model restores the same items one by one, oldest first, as
 * single restores would (names taken become `(restored)`, missing folders are made again).
 */
export class RestoreAllCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly query: BulkQuery) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const { filter, matches } = resolve(model, this.query);
    const input = { driveId: real.driveId, ...(filter && { filter }) };
    const preview = await real.salvage.bin.previewBulk(real.me, { ...input, action: 'restore' });
    const now = model.binRootsOldestFirst().filter(matches);
    expect({ count: preview.count, ids: preview.items.map((i) => i.id) }, 'restore_all dry run').toEqual({ count: now.length, ids: now.slice(0, 100).map((e) => e.id) });
    const started = await real.salvage.bin.restoreAll(real.me, input);
    const items = taken(model, matches, (started.params as { cutoff: number }).cutoff);
    const job = await finalJob(real, started);
    expect({ state: job.state, processed: job.processed, failed: job.failed }, 'restore_all').toEqual({ state: 'succeeded', processed: items.length, failed: 0 });
    for (const item of items) await model.restore(item.id, (parentId, name) => liveChildId(real, parentId, name));
    bulkStats.restoreAll++;
    bulkStats.restoredItems += items.length;
    await settle(model, real);
  }

  toString(): string {
    return `restore_all ${JSON.stringify(this.query)}`;
  }
}

/**
 * delete_all: a dry run, then the job. Under a retention lock every item is held (all were
 * trashed minutes ago) and is a failed item of the job, unless an admin bypassed a
 * governance lock; otherwise each is purged as a single delete would.
 */
export class DeleteAllCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly query: BulkQuery,
    readonly bypassLock: boolean,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const { filter, matches } = resolve(model, this.query);
    const input = { driveId: real.driveId, ...(filter && { filter }), ...(this.bypassLock && { bypassLock: true }) };
    const preview = await real.salvage.bin.previewBulk(real.me, { ...input, action: 'delete' });
    expect(preview.count, 'delete_all dry run').toBe(model.binRootsOldestFirst().filter(matches).length);
    const started = await real.salvage.bin.deleteAll(real.me, input);
    const items = taken(model, matches, (started.params as { cutoff: number }).cutoff);
    const job = await finalJob(real, started);
    bulkStats.deleteAll++;
    const held = model.lock !== null && !(this.bypassLock && model.lock.mode === 'governance');
    if (held) {
      expect({ processed: job.processed, failed: job.failed }, 'delete_all under a lock').toEqual({ processed: 0, failed: items.length });
      expect(job.state).toBe(items.length === 0 ? 'succeeded' : 'failed');
      bulkStats.heldItems += items.length;
    } else {
      let purged = 0;
      for (const item of items) {
        purged += model.purgeSet(item.id).purged.length;
        model.purge(item.id);
      }
      bulkStats.purgedItems += items.length;
      expect({ state: job.state, processed: job.processed, failed: job.failed }, 'delete_all').toEqual({ state: 'succeeded', processed: purged, failed: 0 });
    }
    await settle(model, real);
  }

  toString(): string {
    return `delete_all ${JSON.stringify(this.query)}${this.bypassLock ? ' bypassing the lock' : ''}`;
  }
}
