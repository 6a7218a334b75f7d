import type { SalvageClient } from './http-client.js';
import type { JobStatus } from './wire-types.js';

/** POST /v1/jobs/cancel: a queued job ends at once, a running one within a batch. */
export async function cancelJob(client: SalvageClient, jobId: string): Promise<JobStatus> {
  const { status } = await client.jobs<{ status: JobStatus }>('POST', 'jobs/cancel', { jobId: { id: Number(jobId) } });
  return status;
}

export interface JobFilter {
  driveId?: string;
  state?: string;
  limit: number;
}

/** Newest first, up to `limit`, paging the Jobs API (at most 100 a page). */
export async function listJobs(client: SalvageClient, filter: JobFilter): Promise<JobStatus[]> {
  const jobs: JobStatus[] = [];
  const pageSize = Math.min(filter.limit, 100);
  for (let page = 1; jobs.length < filter.limit; page++) {
    const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (filter.driveId) query.set('drive', filter.driveId);
    if (filter.state) query.set('state', filter.state);
    const answer = await client.jobs<{ jobs: JobStatus[]; totalCount: number }>('GET', `jobs?${query}`);
    jobs.push(...answer.jobs);
    if (answer.jobs.length < pageSize || jobs.length >= answer.totalCount) break;
  }
  return jobs.slice(0, filter.limit);
}
