import type { Job, JobState } from '../../../core/types.js';
import { pdsErrorOf } from '../errors.js';
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

/** GetAsyncTaskResponse's `err_code` (int64, pds/main.tea) for a task with no error: its example, 200. */
const NO_ERROR = 200;

export function renderTask(job: Job) {
  const state = PDS_TASK_STATE[job.state];
  const error = job.errorCode ? pdsErrorOf(job.errorCode) : undefined;
  const message = job.errorMessage ?? '';
  return {
    async_task_id: String(job.id),
    state,
    // The vendor's recycle-bin page reads `status`; SPEC names it `state`. Both, same value.
    status: state,
    // A queued task reports no progress until it starts (SPEC section 2).
    consumed_process: job.state === 'queued' ? 0 : job.processed,
    total_process: job.total,
    error_code: error?.code ?? '',
    error_message: message,
    // The SDK's names for the same error: err_code is the HTTP status the error would
    // answer a request with (200 while there is none), message its text.
    err_code: error?.status ?? NO_ERROR,
    message,
    created_at: iso(job.createdAt),
    started_at: isoOrNull(job.startedAt),
    finished_at: isoOrNull(job.finishedAt),
  };
}
