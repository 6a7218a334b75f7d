import { nasCodeOfDomainCode } from './errors.js';
import type { Entry, Job } from '../../core/types.js';
import { nasJobStatus } from './job-status.js';
import type { NasBody } from './render.js';

/** NAS times: ISO 8601 UTC to the second, `2021-05-30T10:08:08Z`; '' for none. */
export const isoTime = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const entryType = (e: Entry): 'File' | 'Directory' => (e.type === 'folder' ? 'Directory' : 'File');

/** The job types NAS shows: its recycle-bin jobs are restores and permanent deletes. */
export const NAS_JOB_TYPES = ['restore', 'delete'] as const satisfies readonly Job['type'][];
export const isNasJob = (job: Job): boolean => job.type === 'restore' || job.type === 'delete';

/**
 * Progress 1-100: a finished success is 100; anything else is the share of entries done,
 * at least 1 (the job exists) and, while it runs, at most 99.
 */
export function nasProgress(job: Job): number {
  if (job.state === 'succeeded') return 100;
  const done = job.total > 0 ? Math.floor(((job.processed + job.failed) * 100) / job.total) : 0;
  const ceiling = job.state === 'queued' || job.state === 'running' ? 99 : 100;
  return Math.min(ceiling, Math.max(1, done));
}

/** A job as ListRecycleBinJobs shows it. Id and Progress are strings, as on NAS. */
export function renderJob(job: Job): NasBody {
  return {
    Id: String(job.id),
    Type: job.type === 'restore' ? 'Restore' : 'Delete',
    Status: nasJobStatus(job.state),
    Progress: String(nasProgress(job)),
    FileId: job.targetId ?? '',
    FileName: job.targetName ?? '',
    CreateTime: isoTime(job.createdAt),
    ErrorCode: job.errorCode ? nasCodeOfDomainCode(job.errorCode) : '',
    ErrorMessage: job.errorMessage ?? '',
  };
}
