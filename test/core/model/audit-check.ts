import { expect } from 'vitest';
import type { Salvage } from '../../../src/core/salvage.js';
import type { RealDrive } from './real-drive.js';

type Counted = 'trash' | 'restore' | 'delete' | 'clear' | 'cancel' | 'settings';

/**
 * The run's core, with its audited operations counted as they are called (each call is
 * one request: accepted, done or refused). The audit trail must then hold exactly one
 * request record for each.
 */
export function countingCalls(salvage: Salvage): { salvage: Salvage; calls: Record<Counted, number> } {
  const calls: Record<Counted, number> = { trash: 0, restore: 0, delete: 0, clear: 0, cancel: 0, settings: 0 };
  const counted =
    <A extends unknown[], R>(name: Counted, f: (...args: A) => R) =>
    (...args: A): R => {
      calls[name]++;
      return f(...args);
    };
  const { bin, jobs, drives } = salvage;
  return {
    calls,
    salvage: {
      ...salvage,
      bin: {
        ...bin,
        trash: counted('trash', bin.trash),
        restore: counted('restore', bin.restore),
        delete: counted('delete', bin.delete),
        clear: counted('clear', bin.clear),
        // A bulk request is one record of its action; the items its job did are records of their own.
        restoreAll: counted('restore', bin.restoreAll),
        deleteAll: counted('delete', bin.deleteAll),
      },
      jobs: { ...jobs, cancel: counted('cancel', jobs.cancel) },
      // The model changes a drive only to set its retention lock: a bin setting.
      drives: { ...drives, update: counted('settings', drives.update) },
    },
  };
}

/**
 * Every call of the run left one record of the request on the drive (refused, accepted or
 * done), and every job it queued one record of its end. A refused cancel names its job,
 * not the drive (see auditRefusals), so cancels are matched by the drive's job ids.
 */
export async function expectAuditOf(real: RealDrive, calls: Record<Counted, number>): Promise<void> {
  const { salvage, me, driveId } = real;
  const onDrive = (await salvage.audit.list(me, { driveId, offset: 0, limit: 100_000 })).items;
  const jobIds = new Set((await salvage.jobs.list(me, { driveId, limit: 100_000 })).items.map((j) => j.id));
  const cancels = (await salvage.audit.list(me, { action: 'cancel', offset: 0, limit: 100_000 })).items.filter(
    (r) => r.jobId !== null && jobIds.has(r.jobId),
  );
  // A job's end is the record with its job's counts; the request's own never has them.
  const isEnd = (r: { detail: string }) => r.detail.startsWith('processed ');
  // A bulk job records each item it restored or purged, with the job's id.
  const bulkJobs = (await salvage.jobs.list(me, { driveId, limit: 100_000 })).items.filter((j) => j.type === 'restore_all' || j.type === 'delete_all');
  const bulkIds = new Set(bulkJobs.map((j) => j.id));
  const isBulkItem = (r: { jobId: number | null; itemId: string | null; outcome: string }) =>
    r.jobId !== null && bulkIds.has(r.jobId) && r.itemId !== null && r.outcome === 'succeeded';
  for (const job of bulkJobs.filter((j) => j.type === 'restore_all')) {
    expect(onDrive.filter((r) => isBulkItem(r) && r.jobId === job.id).length, `one record per item restore_all ${job.id} restored`).toBe(job.processed);
  }
  const requests = [...onDrive.filter((r) => r.action !== 'cancel' && !isEnd(r) && !isBulkItem(r)), ...cancels];
  const seen = Object.fromEntries(Object.keys(calls).map((a) => [a, requests.filter((r) => r.action === a).length]));
  expect(seen, 'one audit record per request').toEqual(calls);
  for (const r of requests) expect(['refused', 'accepted', 'succeeded']).toContain(r.outcome);
  // Each job that ended left one record of its end (copies are not audited; this drive has none).
  const ended = (await salvage.jobs.list(me, { driveId, states: ['succeeded', 'partially_succeeded', 'failed', 'cancelled'], limit: 100_000 })).items;
  const ends = onDrive.filter((r) => isEnd(r) && r.action !== 'expire' && r.action !== 'cancel');
  // A restore done on the request path is one record only: its job never ran on its own.
  const ranOnTheirOwn = ended.filter(
    (j) => bulkIds.has(j.id) || !onDrive.some((r) => r.jobId === j.id && r.action === 'restore' && r.outcome === 'succeeded' && !isEnd(r)),
  );
  expect(ends.map((r) => r.jobId).sort(), 'one record per job end').toEqual(ranOnTheirOwn.map((j) => j.id).sort());
}
