import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { Job, JobState, JobType } from '../types.js';
import type { JobRun } from './job-run.js';

/** The code of one job type: `run` does the work in steps; `settle` tidies up its end. */
export interface JobHandler<T extends JobType = JobType> {
  run(ctx: CoreContext, run: JobRun<T>): Promise<void>;
  /**
   * In the transaction that records the final state, holding the drive's lock: put back
   * what the job was holding (a bin item it owned, a hidden bin) when it ends.
   */
  settle?(w: DriveTx, job: Job<T>, state: JobState): Promise<void>;
}

export type JobHandlers = { [T in JobType]: JobHandler<T> };

/** The handler of a job, typed for any job (the table is keyed by type). */
export const handlerOf = (handlers: JobHandlers, job: Job): JobHandler => handlers[job.type] as JobHandler;

/** Runs the settle step of the job's type, if it has one. */
export async function settleJob(handlers: JobHandlers, w: DriveTx, ended: { job: Job; state: JobState }): Promise<void> {
  await handlerOf(handlers, ended.job).settle?.(w, ended.job, ended.state);
}
