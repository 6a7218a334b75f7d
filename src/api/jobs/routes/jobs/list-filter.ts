import type { JobStateMatch, JobType } from '../../../../core/types.js';
import { malformed } from '../../errors.js';
import { JOB_STATES, JOB_TYPES, type JobsJobState, STORED_STATES } from '../../render/job-status.js';

/**
 * `state=` as a comma-separated list of jobStates, translated to the stored states and
 * phases they stand for; the core filters on those in the database.
 */
export function parseStateFilter(text: string | undefined): JobStateMatch[] | undefined {
  if (text === undefined || text === '') return undefined;
  const names = new Set<JobsJobState>();
  for (const raw of text.split(',')) {
    const name = raw.trim().toUpperCase() as JobsJobState;
    if (!JOB_STATES.includes(name)) throw malformed('state', `must be one or more of ${JOB_STATES.join(', ')}`);
    names.add(name);
  }
  return [...names].flatMap((name) => STORED_STATES[name]);
}

/** `type=` as a comma-separated list of jobTypes (RESTORE, DELETE, CLEAR, LIFECYCLE_UPDATE). */
export function parseTypeFilter(text: string | undefined): JobType[] | undefined {
  if (text === undefined || text === '') return undefined;
  const byName = new Map(Object.entries(JOB_TYPES).map(([type, name]) => [name, type as JobType]));
  return text.split(',').map((raw) => {
    const type = byName.get(raw.trim().toUpperCase());
    if (!type) throw malformed('type', `must be one or more of ${[...byName.keys()].join(', ')}`);
    return type;
  });
}
