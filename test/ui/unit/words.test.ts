import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/shared/format-bytes.js';
import type { JobStatus } from '../../../src/web/app/api/types.js';
import { afterStop, humanState } from '../../../src/web/app/lib/job-words.js';
import { relativeTime } from '../../../src/web/app/lib/format.js';

const job = (jobState: JobStatus['jobState'], params: Record<string, string> = {}, stats = { processed: 0, failed: 0 }, jobType = 'DELETE'): JobStatus => ({
  jobId: { id: 1 },
  jobState,
  jobType,
  jobParams: params,
  jobStats: stats,
  bucketName: 'Team',
});

/** The words the UI puts on jobs, sizes and times (issue 15 items 5 and 6); no browser needed. */
describe('UI words', () => {
  it('names every job state for people', () => {
    expect(humanState(job('EXAMINING', { state: 'queued' }))).toBe('Waiting');
    expect(humanState(job('PROCESSING', { state: 'running' }))).toBe('Running');
    expect(humanState(job('PROCESSING', { state: 'running', cancelRequested: 'true' }))).toBe('Cancelling');
    expect(humanState(job('COMPLETE'))).toBe('Done');
    expect(humanState(job('COMPLETE', {}, { processed: 3, failed: 1 }))).toBe('Done with errors');
    expect(humanState(job('FAILED'))).toBe('Failed');
    expect(humanState(job('CANCELLED'))).toBe('Cancelled');
  });

  it('says what a stopped job did and left', () => {
    expect(afterStop(job('CANCELLED', {}, { processed: 13_440, failed: 0 }))).toBe(`${(13_440).toLocaleString()} deleted for good; the rest is back in the bin.`);
    expect(afterStop(job('CANCELLED', {}, { processed: 2, failed: 0 }, 'RESTORE_ALL'))).toBe('2 restored; the rest is still in the bin.');
    expect(afterStop(job('COMPLETE', {}, { processed: 2, failed: 0 }))).toBeUndefined();
  });

  it('writes sizes as the CLI does (KiB, MiB)', () => {
    expect([0, 1023, 1536, 10 * 1024, 5 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '1023 B', '1.5 KiB', '10 KiB', '5.0 GiB']);
  });

  it('writes times relative to now', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    const ago = (ms: number) => relativeTime(now - ms, now);
    expect(ago(10_000)).toBe('just now');
    expect(ago(5 * 60_000)).toMatch(/5 minutes ago|5 min/);
    expect(ago(26 * 3600_000)).toMatch(/yesterday|1 day ago/);
    expect(relativeTime(now + 3 * 86_400_000, now)).toMatch(/in 3 days/);
  });
});
