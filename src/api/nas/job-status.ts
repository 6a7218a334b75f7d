import type { JobState } from '../../core/types.js';

/** Job statuses as NAS names them (SPEC section 2). */
export const NAS_JOB_STATUSES = ['Running', 'PartialSuccess', 'Success', 'Fail', 'Cancelled'] as const;
export type NasJobStatus = (typeof NAS_JOB_STATUSES)[number];

const STATUS_OF: Record<JobState, NasJobStatus> = {
  queued: 'Running',
  running: 'Running',
  succeeded: 'Success',
  partially_succeeded: 'PartialSuccess',
  failed: 'Fail',
  cancelled: 'Cancelled',
};

const isJobState = (state: string): state is JobState => Object.hasOwn(STATUS_OF, state);

export const nasJobStatus = (state: JobState): NasJobStatus => STATUS_OF[state];

/** For messages: a core state in NAS words (unknown text is passed through). */
export const nasStatusName = (state: string | undefined): string =>
  state !== undefined && isJobState(state) ? STATUS_OF[state] : (state ?? '');
