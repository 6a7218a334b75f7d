import type { JobStatus } from '../api/types.js';
import { isRunning } from '../api/types.js';

/**
 * A job's progress: processed of total as a bar while it runs. A finished job shows a full
 * bar; `total` can be smaller than what a purge counts (it counts items, the purge rows),
 * so the bar is capped.
 */
export function JobProgress({ job }: { job: JobStatus }) {
  const total = Number(job.jobParams.total ?? 0);
  const { processed, failed } = job.jobStats;
  const done = !isRunning(job);
  const max = Math.max(total, processed, 1);
  const value = done && job.jobState === 'COMPLETE' ? max : Math.min(processed, max);
  const label = `Progress of job ${job.jobId.id}`;
  return (
    <div className="job-progress">
      {done || total > 0 ? <progress aria-label={label} max={max} value={value} /> : <progress aria-label={label} />}
      <span className="counts">
        {processed.toLocaleString()} processed{total > 0 ? ` of ${total.toLocaleString()}` : ''}
        {failed > 0 ? `, ${failed.toLocaleString()} failed` : ''}
      </span>
    </div>
  );
}
