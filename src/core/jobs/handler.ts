import type { Tx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { Job, JobState, JobType } from '../types.js';
import type { JobRun } from './job-run.js';

/** The code of one job type: `run` does the work in steps; `settle` tidies up its end. */
export interface JobHandler {
  run(ctx: CoreContext, run: JobRun): Promise<void>;
  /**
   * In the transaction that records the final state: put back what the job was holding
   * (a bin item it owned, a hidden bin) when it ends cancelled or failed.
   */
  settle?(tx: Tx, job: Job, state: JobState): Promise<void>;
}

export type JobHandlers = Record<JobType, JobHandler>;
