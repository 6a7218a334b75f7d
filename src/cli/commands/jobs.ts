import { InvalidArgumentError, type Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatTime, printList } from '../client/format.js';
import { listJobs } from '../client/jobs.js';
import { connect } from '../client/sign-in.js';
import type { JobStatus } from '../client/wire-types.js';

interface JobsOptions extends ConnectionOptions {
  drive?: string;
  state?: string;
  limit: number;
  json?: boolean;
}

const positive = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

const progressOf = (j: JobStatus): string => `${j.jobStats.processed}/${j.jobParams.total ?? '?'}`;

/** `salvage jobs`: background jobs, newest first, from the Jobs API. */
export function jobsCommand(): Command {
  return clientCommand('jobs', 'list background jobs, newest first')
    .option('--drive <drive>', 'only this drive (name or id)')
    .option('--state <states>', 'only these states, comma-separated: EXAMINING, PROCESSING, EXECUTING, COMPLETE, FAILED, CANCELLED')
    .option('--limit <n>', 'at most this many jobs', positive, 50)
    .option('--json', 'print the job status objects as JSON')
    .action(async (opts: JobsOptions) => {
      const client = await connect(opts);
      const driveId = opts.drive === undefined ? undefined : (await resolveDrive(client, opts.drive)).drive_id;
      const jobs = await listJobs(client, { driveId, state: opts.state?.toUpperCase(), limit: opts.limit });
      printList(
        jobs,
        opts.json,
        ['ID', 'TYPE', 'STATE', 'DONE', 'DRIVE', 'CREATED', 'TARGET'],
        (j) => [
          String(j.jobId.id),
          j.jobType,
          j.jobParams.cancelRequested === 'true' && !j.completeTime ? `${j.jobState} (cancelling)` : j.jobState,
          progressOf(j),
          j.bucketName || j.jobParams.driveId || '-',
          formatTime(j.jobParams.createTime),
          j.jobParams.fileName ?? '-',
        ],
        'no jobs',
      );
    });
}
