import { type JobFailure, pageJobFailures } from '../../store/repositories/job-failures.repository.js';
import type { CoreContext } from '../context.js';
import type { Actor, NamedJob } from '../types.js';
import { getJob } from './jobs.service.js';

/** Failed items read from the database at once while a report streams. */
const PAGE = 500;

/**
 * A job's completion report (issue 14 item 6): the job, and its failed items in the order
 * they failed (the first MAX_REPORTED_FAILURES; `job.failed` counts them all), read a page
 * at a time as the caller consumes them. Whoever may see the job may read its report.
 */
export async function jobReport(ctx: CoreContext, actor: Actor, jobId: string): Promise<{ job: NamedJob; failures: AsyncIterable<JobFailure> }> {
  const job = await getJob(ctx, actor, jobId);
  async function* failures(): AsyncGenerator<JobFailure> {
    for (let afterSeq = -1; ; ) {
      const page = await pageJobFailures(ctx.store.db, job.id, { afterSeq, limit: PAGE });
      for (const { seq, ...failure } of page) {
        afterSeq = seq;
        yield failure;
      }
      if (page.length < PAGE) return;
    }
  }
  return { job, failures: failures() };
}
