import type { JobStatus } from '../api/types.js';
import { isRunning } from '../api/types.js';

/** A job's state for people: the word, and the colour class that goes with it (always both). */
export type HumanState = 'Waiting' | 'Running' | 'Cancelling' | 'Done' | 'Done with errors' | 'Failed' | 'Cancelled';

export function humanState(job: JobStatus): HumanState {
  if (isRunning(job)) {
    if (job.jobParams.cancelRequested === 'true') return 'Cancelling';
    return job.jobParams.state === 'queued' ? 'Waiting' : 'Running';
  }
  if (job.jobState === 'COMPLETE') return job.jobStats.failed > 0 ? 'Done with errors' : 'Done';
  return job.jobState === 'FAILED' ? 'Failed' : 'Cancelled';
}

export const stateClass = (s: HumanState): string => `state state-${s.toLowerCase().replace(/ /g, '-')}`;

/** The state filter's choices: a label and the wire states it asks /v1/jobs for. */
export const STATE_FILTERS = [
  { label: 'All jobs', value: '', counted: '' },
  { label: 'Waiting or running', value: 'EXAMINING,PROCESSING,EXECUTING', counted: 'waiting or running' },
  { label: 'Done (with or without errors)', value: 'COMPLETE', counted: 'done' },
  { label: 'Failed', value: 'FAILED', counted: 'failed' },
  { label: 'Cancelled', value: 'CANCELLED', counted: 'cancelled' },
];

const n = (x: number) => x.toLocaleString();

/**
 * What a stopped job did and what it left ("13,440 deleted; the rest is back in the bin"),
 * so a cancel never leaves the reader guessing. Undefined for a job that ran to its end.
 */
export function afterStop(job: JobStatus): string | undefined {
  if (job.jobState !== 'CANCELLED' && job.jobState !== 'FAILED') return undefined;
  const done = job.jobStats.processed;
  switch (job.jobType) {
    case 'DELETE':
    case 'DELETE_ALL':
    case 'CLEAR':
    case 'LIFECYCLE_UPDATE':
      return `${n(done)} deleted for good; the rest is back in the bin.`;
    case 'RESTORE':
    case 'RESTORE_ALL':
      return `${n(done)} restored; the rest is still in the bin.`;
    case 'COPY':
      return `${n(done)} copied; the copy is incomplete.`;
    default:
      return `${n(done)} done before it stopped.`;
  }
}
