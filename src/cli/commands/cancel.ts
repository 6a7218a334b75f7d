import { InvalidArgumentError, type Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { cancelJob } from '../client/jobs.js';
import { connect } from '../client/sign-in.js';
import { printLine } from '../client/escape.js';

const jobId = (text: string): string => {
  if (!/^\d{1,10}$/.test(text)) throw new InvalidArgumentError('expected a job id (a number; see: salvage jobs)');
  return text;
};

/** `salvage cancel <job-id>`: a queued job ends at once; a running one after its current batch. */
export function cancelCommand(): Command {
  return clientCommand('cancel', 'cancel a background job')
    .argument('<job-id>', 'the job (see: salvage jobs)', jobId)
    .action(async (id: string, opts: ConnectionOptions) => {
      const status = await cancelJob(await connect(opts), id);
      const state = status.jobState === 'CANCELLED' ? 'cancelled' : `cancel requested (still ${status.jobState}; it stops after its current batch)`;
      printLine(`job ${id}: ${state}`);
    });
}
