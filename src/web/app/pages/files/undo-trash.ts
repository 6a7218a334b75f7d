import { pds } from '../../api/pds.js';
import { isRunning } from '../../api/types.js';
import type { ToastContent } from '../../components/toast.js';
import { describeError } from '../../lib/errors.js';
import { hrefOf } from '../../lib/route.js';
import { finishedJob } from '../bin/restore-items.js';

const items = (n: number) => `${n.toLocaleString()} item${n === 1 ? '' : 's'}`;

/**
 * "Moved 3 items to the recycle bin. [Undo]": Undo puts back exactly that deletion, every
 * item of its deletion event and nothing trashed since, as one restore_all job (docs/pds.md,
 * "Bulk restore and delete"). Items whose name was taken meanwhile come back "(restored)".
 */
export function trashedToast(driveId: string, moved: number, eventId: string | undefined, reload: () => Promise<void>): ToastContent {
  const message = `Moved ${items(moved)} to the recycle bin.`;
  if (!eventId) return { message };
  return {
    message,
    action: {
      label: 'Undo',
      run: async () => {
        let job;
        try {
          job = await finishedJob((await pds.restoreEvent(driveId, eventId)).async_task_id);
        } catch (err) {
          return { message: `Could not undo: ${describeError(err)}`, error: true };
        }
        await reload();
        const jobs = { label: 'Jobs page', href: hrefOf({ page: 'jobs' }) };
        if (isRunning(job)) return { message: 'The undo waits behind another job on this drive; follow it on the', link: jobs };
        if (job.jobState !== 'COMPLETE') return { message: `The undo ended ${job.jobState.toLowerCase()}; see the`, link: jobs, error: true };
        const restored = job.jobStats.processed;
        const failed = job.jobStats.failed;
        return failed > 0
          ? { message: `Put back ${items(restored)}; ${items(failed)} could not be. See the job's report on the`, link: jobs, error: true }
          : { message: `Put back ${items(restored)} where ${restored === 1 ? 'it was' : 'they were'}.` };
      },
    },
  };
}
