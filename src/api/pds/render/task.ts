import type { Job, JobState } from '../../../core/types.js';
import { pdsCodeOf } from '../errors.js';
import { iso, isoOrNull } from './time.js';

/** SPEC section 2's table: how PDS names each job state. */
export const PDS_TASK_STATE: Record<JobState, string> = {
  queued: 'Running',
  running: 'Running',
  succeeded: 'Succeed',
  partially_succeeded: 'PartialSucceed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function renderTask(job: Job) {
  const state = PDS_TASK_STATE[job.state];
  return {
    async_task_id: String(job.id),
    state,
    // The vendor's recycle-bin page reads `status`; SPEC names it `state`. Both, same value.
    status: state,
    // A queued task reports no progress until it starts (SPEC section 2).
    consumed_process: job.state === 'queued' ? 0 : job.processed,
    total_process: job.total,
    error_code: job.errorCode ? pdsCodeOf(job.errorCode) : '',
    error_message: job.errorMessage ?? '',
    created_at: iso(job.createdAt),
    started_at: isoOrNull(job.startedAt),
    finished_at: isoOrNull(job.finishedAt),
  };
}
