import { jobNotFound } from '../../../../core/jobs/jobs.service.js';
import { userOperation } from '../../operation.js';
import { jobIdOfPath } from '../../params.js';
import { bucketNamesOf } from '../../render/bucket-names.js';
import { renderJobStatus } from '../../render/job-status.js';

/** GET /v1/jobs/{id}: one job's status, in the cancel answer's shape. Another user's job is 404 like a missing one. */
export const getJob = userOperation(
  { method: 'GET', path: '/v1/jobs/:id' },
  {
    parse: (req) => ({ text: (req.params.id ?? '').slice(0, 32), id: jobIdOfPath(req.params.id) }),
    run: async ({ salvage, actor }, input) => {
      if (input.id === undefined) throw jobNotFound(input.text);
      const job = await salvage.jobs.get(actor, String(input.id));
      return { job, names: await bucketNamesOf(salvage, actor, [job]) };
    },
    render: ({ job, names }) => ({ status: 200, body: { status: renderJobStatus(job, names.get(job.driveId) ?? '') } }),
  },
);
