import { Readable } from 'node:stream';
import { jobNotFound } from '../../../../core/jobs/jobs.service.js';
import { MAX_REPORTED_FAILURES } from '../../../../core/jobs/job-run.js';
import type { JobFailure } from '../../../../store/repositories/job-failures.repository.js';
import type { NamedJob } from '../../../../core/types.js';
import { jobsCodeOf } from '../../errors.js';
import { userOperation } from '../../operation.js';
import { jobIdOfPath } from '../../params.js';
import { JOB_TYPES } from '../../render/job-status.js';

/** The report's first line: what the job did, in counts. */
function summaryLine(job: NamedJob) {
  return {
    jobId: job.id,
    type: JOB_TYPES[job.type],
    state: job.state,
    succeeded: job.processed,
    failed: job.failed,
    // Only the first MAX_REPORTED_FAILURES failed items are kept and listed.
    ...(job.failed > MAX_REPORTED_FAILURES && { listed: MAX_REPORTED_FAILURES }),
    ...('bypassLock' in job.params && job.params.bypassLock === true && { bypassedRetentionLock: true }),
  };
}

async function* lines(job: NamedJob, failures: AsyncIterable<JobFailure>): AsyncGenerator<string> {
  yield `${JSON.stringify(summaryLine(job))}\n`;
  for await (const f of failures) {
    yield `${JSON.stringify({ itemId: f.itemId, path: f.path, code: jobsCodeOf(f.code), reason: f.message })}\n`;
  }
}

/**
 * GET /v1/jobs/{id}/report: the job's completion report as JSON Lines (docs/jobs-api.md),
 * streamed: a summary line, then one line per failed item. Whoever may see the job may
 * read it; another user's job is 404 like a missing one. A job still running reports what
 * it has done so far.
 */
export const getJobReport = userOperation(
  { method: 'GET', path: '/v1/jobs/:id/report' },
  {
    parse: (req) => ({ text: (req.params.id ?? '').slice(0, 32), id: jobIdOfPath(req.params.id) }),
    run: async ({ salvage, actor }, input) => {
      if (input.id === undefined) throw jobNotFound(input.text);
      return salvage.jobs.report(actor, String(input.id));
    },
    render: ({ job, failures }) => ({
      status: 200,
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
      body: Readable.from(lines(job, failures)),
    }),
  },
);
