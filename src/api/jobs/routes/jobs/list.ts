import { userOperation } from '../../operation.js';
import { driveIdOf, queryInt } from '../../params.js';
import { bucketNamesOf } from '../../render/bucket-names.js';
import { renderJobStatus } from '../../render/job-status.js';
import { parseStateFilter, parseTypeFilter } from './list-filter.js';

/**
 * GET /v1/jobs?state=&drive=&type=&page=&pageSize=: the caller's jobs (admin: all), newest
 * first, as status objects. `page` counts from 1; `pageSize` is 1-100, default 50.
 */
export const listJobs = userOperation(
  { method: 'GET', path: '/v1/jobs' },
  {
    parse: (req) => ({
      states: parseStateFilter(req.query.state),
      types: parseTypeFilter(req.query.type),
      driveId: req.query.drive ? driveIdOf(req.query.drive, 'drive') : undefined,
      page: queryInt(req.query, 'page', 1, 1_000_000) ?? 1,
      pageSize: queryInt(req.query, 'pageSize', 1, 100) ?? 50,
    }),
    async run({ salvage, actor }, input) {
      // An unknown drive, or another user's, is 404 (DriveNotFound) like any drive the caller cannot see.
      const { items, total } = await salvage.jobs.list(actor, {
        driveId: input.driveId,
        states: input.states,
        types: input.types,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return { items, total, input, names: await bucketNamesOf(salvage, actor, items) };
    },
    render: ({ items, total, input, names }) => ({
      status: 200,
      body: {
        jobs: items.map((j) => renderJobStatus(j, names.get(j.driveId) ?? '')),
        page: input.page,
        pageSize: input.pageSize,
        totalCount: total,
      },
    }),
  },
);
