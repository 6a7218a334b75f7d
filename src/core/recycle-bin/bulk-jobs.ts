import type { BinHit } from '../../store/repositories/bin-search.repository.js';
import { getEntry, updateEntry } from '../../store/repositories/entries.repository.js';
import type { JobFailure } from '../../store/repositories/job-failures.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { OpenDriveTx } from '../access.js';
import { dialectOfJob, recordAudit } from '../audit/record.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { JobHandler } from '../jobs/handler.js';
import type { JobRun } from '../jobs/job-run.js';
import type { BulkParams, Dialect, Drive, JobType } from '../types.js';
import { bulkItems, bulkTotals } from './bulk.js';
import { backToBin } from './delete.js';
import { purgeSubtreeThen } from './purge-loops.js';
import { restoreBatch } from './restore-batch.js';
import { heldItem, heldUntil } from './retention-lock.js';

/**
 * Bin items a restore_all step restores. Each is O(depth) (a handful of statements), so
 * a step of 200 holds the drive's lock for tens of milliseconds at most.
 */
const RESTORE_BATCH = 200;
/** Bin items a delete_all step looks at for the next one it may purge (the others fail). */
const SCAN_BATCH = 200;

const claimed = (item: BinHit['entry']): DomainError =>
  new DomainError('JobConflict', `bin item ${item.id} is claimed by restore job (${item.restoreJobId})`, {
    id: item.id,
    jobId: String(item.restoreJobId),
  });

const failureOf = (item: BinHit['entry'], err: DomainError): JobFailure => ({
  itemId: item.id,
  path: item.origPath ?? '',
  code: err.code,
  message: err.message,
});

const keyOf = (item: BinHit['entry']) => ({ trashedAt: item.trashedAt!, id: item.id });

/**
 * The job's total, counted once it starts: what is done plus what is left, in the unit
 * it counts progress in (a restore: bin items; a purge: entries, as a single delete).
 */
async function countLeft<T extends 'restore_all' | 'delete_all'>(ctx: CoreContext, run: JobRun<T>): Promise<boolean> {
  return run.step(async (w) => {
    const totals = w.drive ? await bulkTotals(ctx, w.tx, { drive: w.drive, params: run.job.params }) : undefined;
    const left = totals === undefined ? 0 : run.job.type === 'delete_all' ? totals.entries : totals.count;
    return { phase: 'listing', total: run.job.processed + run.job.failed + left };
  });
}

/**
 * Restores every bin item a search found, oldest first, RESTORE_BATCH a step, each as a
 * single restore does (to its original place, `(restored)` when the name is taken; see
 * restore-batch.ts). The step that restores them records them in the audit trail and
 * moves the job's cursor.
 */
export const restoreAllJob: JobHandler<'restore_all'> = {
  async run(ctx, run) {
    if (!(await countLeft(ctx, run))) return;
    // Read once: the job adds a record an item, and finding the request among them reads them all.
    const dialect = await dialectOfJob(ctx.store.db, run.job);
    for (;;) {
      let more = false;
      const went = await run.step(async (w) => {
        if (!w.drive || w.drive.status !== 'enabled') return { phase: 'applying' };
        const open = w as OpenDriveTx;
        const hits = await bulkItems(ctx, w.tx, { drive: open.drive, params: run.job.params, limit: RESTORE_BATCH });
        more = hits.length === RESTORE_BATCH;
        const actor = { userId: run.job.createdBy, isAdmin: true };
        // A bin item a queued restore claimed is that job's to bring back.
        const failures = hits.filter((h) => h.entry.restoreJobId !== null).map((h) => failureOf(h.entry, claimed(h.entry)));
        const free = hits.filter((h) => h.entry.restoreJobId === null).map((h) => h.entry);
        const processed = await restoreBatch(ctx, open, { items: free, actor, jobId: run.job.id, dialect });
        const last = hits.at(-1);
        const params: BulkParams = last ? { ...run.job.params, after: keyOf(last.entry) } : run.job.params;
        return { phase: 'applying', processed, failures, params };
      });
      if (!went || !more) return;
    }
  },
};

/**
 * The next bin item delete_all may purge, marked as its own (it leaves the bin's listings
 * at once); those before it that the retention lock holds, or a queued restore claimed,
 * are failed items. Undefined once none is left.
 */
async function takeNext(ctx: CoreContext, run: JobRun<'delete_all'>): Promise<{ went: boolean; id?: string }> {
  for (;;) {
    let more = false;
    let taken: string | undefined;
    const went = await run.step(async (w) => {
      const { params } = run.job;
      if (!w.drive || w.drive.status !== 'enabled') return { phase: 'applying' };
      const drive: Drive = w.drive;
      const hits = await bulkItems(ctx, w.tx, { drive, params, limit: SCAN_BATCH });
      more = hits.length === SCAN_BATCH;
      const now = ctx.clock.now();
      const failures: JobFailure[] = [];
      let after = params.after;
      for (const { entry } of hits) {
        after = keyOf(entry);
        const until = params.bypassLock ? null : heldUntil(drive, entry.trashedAt!);
        if (until !== null && until > now) {
          failures.push(failureOf(entry, heldItem(drive.id, entry.id, until)));
        } else if (entry.restoreJobId !== null) {
          failures.push(failureOf(entry, claimed(entry)));
        } else {
          taken = entry.id;
          await updateEntry(w, entry.id, { purge_job_id: run.job.id });
          break;
        }
      }
      return { phase: 'applying', failures, params: { ...params, after, current: taken } };
    });
    if (!went) return { went: false };
    if (taken !== undefined || !more) return { went: true, id: taken };
  }
}

/**
 * Purges every bin item a search found, oldest first, each in purge steps as a single
 * delete does, but for what the retention lock holds (unless an admin bypassed a
 * governance lock): those stay, as failed items of the report. Each item purged is a
 * record of the audit trail, written with the step that purges the last of it.
 */
export const deleteAllJob: JobHandler<'delete_all'> = {
  async run(ctx, run) {
    if (!(await countLeft(ctx, run))) return;
    const dialect = await dialectOfJob(ctx.store.db, run.job);
    for (;;) {
      // A resumed job first finishes the item it had taken.
      let id = run.job.params.current;
      if (id === undefined) {
        const next = await takeNext(ctx, run);
        if (!next.went || next.id === undefined) return;
        id = next.id;
      }
      const item = await getEntry(ctx.store.db, run.job.driveId, id);
      const onGone = async (w: DriveTx) => {
        if (item) await recordPurged(ctx, w, { run, item, dialect });
      };
      if (!(await purgeSubtreeThen(ctx, run, { rootId: id, onGone }))) return;
      const cleared = await run.step(async () => ({ phase: 'applying', params: { ...run.job.params, current: undefined } }));
      if (!cleared) return;
    }
  },
  async settle(w, job) {
    // Cancelled or failed mid-item: what is left of it goes back to the bin.
    const id = job.params.current;
    const entry = id === undefined ? undefined : await getEntry(w.tx, w.driveId, id);
    if (entry?.purgeJobId === job.id) await backToBin(w, entry);
  },
};

const recordPurged = <T extends JobType>(
  ctx: CoreContext,
  w: DriveTx,
  { run, item, dialect }: { run: JobRun<T>; item: BinHit['entry']; dialect: Dialect },
): Promise<void> =>
  recordAudit(w.tx, {
    at: ctx.clock.now(),
    actor: { userId: run.job.createdBy, isAdmin: true },
    dialect,
    action: 'delete',
    outcome: 'succeeded',
    driveId: item.driveId,
    itemId: item.id,
    name: item.name,
    path: item.origPath,
    bytes: item.treeBytes,
    jobId: run.job.id,
  });

