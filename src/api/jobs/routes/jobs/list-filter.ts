import type { Job, JobState, JobType } from '../../../../core/types.js';
import { malformed } from '../../errors.js';
import { JOB_STATES, JOB_TYPES, type JobsJobState } from '../../render/job-status.js';

/** The stored states each finished jobState stands for. */
const FINISHED: Partial<Record<JobsJobState, JobState[]>> = {
  COMPLETE: ['succeeded', 'partially_succeeded'],
  FAILED: ['failed'],
  CANCELLED: ['cancelled'],
};

/**
 * `state=` as a comma-separated list of jobStates. The three running ones differ only by
 * the job's phase, which the store does not filter on; they are picked from the (few)
 * queued and running jobs instead, so they are kept apart from the finished states.
 */
export interface StateFilter {
  active: Set<JobsJobState>;
  finished: JobState[];
}

export function parseStateFilter(text: string | undefined): StateFilter | undefined {
  if (text === undefined || text === '') return undefined;
  const filter: StateFilter = { active: new Set(), finished: [] };
  for (const raw of text.split(',')) {
    const name = raw.trim().toUpperCase() as JobsJobState;
    if (!JOB_STATES.includes(name)) throw malformed('state', `must be one or more of ${JOB_STATES.join(', ')}`);
    const stored = FINISHED[name];
    if (stored) filter.finished.push(...stored);
    else filter.active.add(name);
  }
  return filter;
}

/** `type=` as a comma-separated list of jobTypes (TRASH, RESTORE, DELETE, CLEAR, LIFECYCLE_UPDATE). */
export function parseTypeFilter(text: string | undefined): JobType[] | undefined {
  if (text === undefined || text === '') return undefined;
  const byName = new Map(Object.entries(JOB_TYPES).map(([type, name]) => [name, type as JobType]));
  return text.split(',').map((raw) => {
    const type = byName.get(raw.trim().toUpperCase());
    if (!type) throw malformed('type', `must be one or more of ${[...byName.keys()].join(', ')}`);
    return type;
  });
}

/** Newest first, by id (ids grow with creation). */
export const newestFirst = (a: Job, b: Job): number => b.id - a.id;
