import type { Job } from '../../../core/types.js';
import { nasAction } from '../action.js';
import { NasError } from '../errors.js';
import { NAS_JOB_STATUSES, nasJobStatus } from '../job-status.js';
import { isNasJob, NAS_JOB_TYPES, renderJob } from '../wire.js';

/** NAS keeps the 50 most recent recycle-bin jobs of a file system. */
const KEPT_PER_DRIVE = 50;

/**
 * The SDK's Status values: every job status, `Defragmenting` (a phase Salvage's jobs never
 * report, so it matches none) and `all`, the default; `All`, as the SDK's example and the
 * SPEC write it, too.
 */
const STATUS_FILTERS = [...NAS_JOB_STATUSES, 'Defragmenting', 'all', 'All'] as const;

/**
 * ListRecycleBinJobs: the drive's restore and delete jobs, newest first, filtered by
 * status and cut into pages. Only the 50 most recent are listed; JobId picks one job,
 * however old, as long as it is still kept.
 */
export const listRecycleBinJobs = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    jobId: p.optionalId('JobId'),
    status: p.oneOf('Status', STATUS_FILTERS, 'all'),
    pageNumber: p.int('PageNumber', { min: 1, max: 1_000_000, fallback: 1 }),
    pageSize: p.int('PageSize', { min: 1, max: 100, fallback: 10 }),
  }),
  async run({ salvage, actor }, input): Promise<{ items: Job[]; total: number }> {
    const drive = await salvage.drives.get(actor, input.fileSystemId);
    let jobs: Job[];
    if (input.jobId !== undefined) {
      const job = await salvage.jobs.get(actor, input.jobId);
      if (job.driveId !== drive.id || !isNasJob(job)) throw new NasError('InvalidJobId.NotFound', { id: input.jobId });
      jobs = [job];
    } else {
      jobs = (await salvage.jobs.list(actor, { driveId: drive.id, types: [...NAS_JOB_TYPES], limit: KEPT_PER_DRIVE })).items;
    }
    const everything = input.status === 'all' || input.status === 'All';
    const matching = everything ? jobs : jobs.filter((j) => nasJobStatus(j.state) === input.status);
    const start = (input.pageNumber - 1) * input.pageSize;
    return { items: matching.slice(start, start + input.pageSize), total: matching.length };
  },
  render: (page, input) => ({
    Jobs: page.items.map(renderJob),
    TotalCount: page.total,
    PageNumber: input.pageNumber,
    PageSize: input.pageSize,
  }),
});
