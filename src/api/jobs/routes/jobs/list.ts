import type { Salvage } from '../../../../core/salvage.js';
import type { Actor, Job, JobType } from '../../../../core/types.js';
import { userOperation } from '../../operation.js';
import { queryInt } from '../../params.js';
import { bucketNamesOf } from '../../render/bucket-names.js';
import { jobStateOf, renderJobStatus } from '../../render/job-status.js';
import { newestFirst, parseStateFilter, parseTypeFilter, type StateFilter } from './list-filter.js';

/** Queued and running jobs are bounded by drives (one exclusive job each) plus trash jobs. */
const ACTIVE_CAP = 10_000;

interface ListInput {
  states?: StateFilter;
  types?: JobType[];
  driveId?: string;
  page: number;
  pageSize: number;
}

async function pageOfJobs(salvage: Salvage, actor: Actor, input: ListInput): Promise<{ items: Job[]; total: number }> {
  const { states, types, driveId, page, pageSize } = input;
  const offset = (page - 1) * pageSize;
  if (!states) return salvage.jobs.list(actor, { driveId, types, offset, limit: pageSize });
  const active =
    states.active.size === 0
      ? []
      : (await salvage.jobs.list(actor, { driveId, types, states: ['queued', 'running'], limit: ACTIVE_CAP })).items.filter((j) =>
          states.active.has(jobStateOf(j)),
        );
  if (states.finished.length === 0) return { items: active.slice(offset, offset + pageSize), total: active.length };
  if (active.length === 0) return salvage.jobs.list(actor, { driveId, types, states: states.finished, offset, limit: pageSize });
  // Both kinds: merge the active jobs into the finished ones' order, up to the end of this page.
  const finished = await salvage.jobs.list(actor, { driveId, types, states: states.finished, limit: offset + pageSize });
  const merged = [...active, ...finished.items].sort(newestFirst);
  return { items: merged.slice(offset, offset + pageSize), total: active.length + finished.total };
}

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
      driveId: req.query.drive || undefined,
      page: queryInt(req.query, 'page', 1, 1_000_000) ?? 1,
      pageSize: queryInt(req.query, 'pageSize', 1, 100) ?? 50,
    }),
    async run({ salvage, actor }, input) {
      // An unknown drive, or another user's, is 404 like any drive the caller cannot see.
      if (input.driveId !== undefined) await salvage.drives.get(actor, input.driveId);
      const { items, total } = await pageOfJobs(salvage, actor, input);
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
