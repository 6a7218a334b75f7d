import { userOperation } from '../../operation.js';
import { jobIdOfBody } from '../../params.js';
import { bucketNamesOf } from '../../render/bucket-names.js';
import { renderJobStatus } from '../../render/job-status.js';

/**
 * POST /v1/jobs/cancel {"jobId": {"id": n}}: a queued job is cancelled at once, a running
 * one is flagged and stops within one batch (its status then still shows it running, with
 * jobParams.cancelRequested "true"). A finished job is 400 JobNotCancellable naming its state.
 */
export const cancelJob = userOperation(
  { method: 'POST', path: '/v1/jobs/cancel' },
  {
    parse: (req) => jobIdOfBody(req.body),
    run: async ({ salvage, actor }, id) => {
      const job = await salvage.jobs.cancel(actor, String(id));
      return { job, names: await bucketNamesOf(salvage, actor, [job]) };
    },
    render: ({ job, names }) => ({ status: 200, body: { status: renderJobStatus(job, names.get(job.driveId) ?? '') } }),
  },
);
