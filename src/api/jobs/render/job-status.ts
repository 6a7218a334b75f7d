import type { Job, JobStateMatch, JobType, NamedJob } from '../../../core/types.js';
import { isoSeconds } from './time.js';

export const JOB_STATES = ['EXAMINING', 'PROCESSING', 'EXECUTING', 'COMPLETE', 'FAILED', 'CANCELLED'] as const;
export type JobsJobState = (typeof JOB_STATES)[number];

/** SPEC section 2's table: a running job is named by its phase; queued is still examining. */
export function jobStateOf(job: Job): JobsJobState {
  switch (job.state) {
    case 'queued':
      return 'EXAMINING';
    case 'running':
      return job.phase === 'applying' ? 'PROCESSING' : job.phase === 'finishing' ? 'EXECUTING' : 'EXAMINING';
    case 'succeeded':
    case 'partially_succeeded':
      return 'COMPLETE';
    case 'failed':
      return 'FAILED';
    case 'cancelled':
      return 'CANCELLED';
  }
}

/**
 * The same table read backwards, for `state=` filters: the stored states and phases each
 * jobState stands for. test/jobs/job-status.test.ts checks the two agree on every pair.
 */
export const STORED_STATES: Record<JobsJobState, readonly JobStateMatch[]> = {
  EXAMINING: ['queued', { state: 'running', phases: ['', 'listing'] }],
  PROCESSING: [{ state: 'running', phases: ['applying'] }],
  EXECUTING: [{ state: 'running', phases: ['finishing'] }],
  COMPLETE: ['succeeded', 'partially_succeeded'],
  FAILED: ['failed'],
  CANCELLED: ['cancelled'],
};

/** SPEC section 5: retention expiry is the vendor's LIFECYCLE_UPDATE. */
export const JOB_TYPES: Record<JobType, string> = {
  restore: 'RESTORE',
  delete: 'DELETE',
  clear: 'CLEAR',
  expire: 'LIFECYCLE_UPDATE',
  // A folder copy (PDS file/copy); the vendor has no such job, so it is named plainly.
  copy: 'COPY',
  // Everything a bin search finds (or one deletion event), restored or purged as one job.
  restore_all: 'RESTORE_ALL',
  delete_all: 'DELETE_ALL',
};

/**
 * `jobParams` is a map of strings in the vendor's schema. Besides the job's own parameters
 * it carries what the status object has no field for but a client needs: the target, the
 * total for a progress bar, the internal state and phase, the error, and who created it.
 */
function paramsOf(job: NamedJob): Record<string, string> {
  const out: Record<string, string> = {
    driveId: job.driveId,
    state: job.state,
    phase: job.phase,
    total: String(job.total),
    createTime: isoSeconds(job.createdAt),
    createdBy: job.createdBy,
    createdByName: job.createdByName,
    cancelRequested: String(job.cancelRequested),
  };
  if (job.targetId !== null) out.fileId = job.targetId;
  if (job.targetName !== null) out.fileName = job.targetName;
  if (job.errorCode) out.errorCode = job.errorCode;
  if (job.errorMessage) out.errorMessage = job.errorMessage;
  for (const [key, value] of Object.entries(job.params)) {
    if (value === null || value === undefined || key in out) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/** The VSP One Object job status object. `bucketName` is the drive's name ('' if it is gone). */
export function renderJobStatus(job: NamedJob, bucketName: string) {
  return {
    jobId: { id: job.id },
    jobState: jobStateOf(job),
    jobType: JOB_TYPES[job.type],
    // Left out while unknown, never null: the vendor schema types both as strings.
    ...(job.startedAt !== null && { startTime: isoSeconds(job.startedAt) }),
    ...(job.finishedAt !== null && { completeTime: isoSeconds(job.finishedAt) }),
    jobParams: paramsOf(job),
    jobStats: { processed: job.processed, failed: job.failed },
    bucketName,
  };
}
