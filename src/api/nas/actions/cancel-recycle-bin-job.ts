import { nasAction } from '../action.js';
import { NasError } from '../errors.js';
import { isNasJob } from '../wire.js';

/**
 * CancelRecycleBinJob: a queued job stops at once, a running one within a batch; what it
 * finished stays done. Finished jobs are refused with OperationDenied.InvalidState.
 */
export const cancelRecycleBinJob = nasAction({
  parse: (p) => ({ jobId: p.id('JobId') }),
  async run({ salvage, actor }, input) {
    // NAS knows only restore and delete jobs; other jobs are not its to cancel.
    const job = await salvage.jobs.get(actor, input.jobId);
    if (!isNasJob(job)) throw new NasError('InvalidJobId.NotFound', { id: input.jobId });
    return salvage.jobs.cancel(actor, input.jobId);
  },
  render: () => ({}),
});
