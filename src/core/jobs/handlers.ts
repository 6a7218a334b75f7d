import { copyJob } from '../entries/copy-job.js';
import { deleteAllJob, restoreAllJob } from '../recycle-bin/bulk-jobs.js';
import { clearJob } from '../recycle-bin/clear.js';
import { deleteJob } from '../recycle-bin/delete.js';
import { expireJob } from '../recycle-bin/retention.js';
import { restoreJob } from '../recycle-bin/restore.js';
import type { JobHandlers } from './handler.js';

/** Every job type and the code that runs it. Trash needs no job (see trash.ts); copy is a folder's. */
export const jobHandlers: JobHandlers = {
  restore: restoreJob,
  delete: deleteJob,
  clear: clearJob,
  expire: expireJob,
  copy: copyJob,
  restore_all: restoreAllJob,
  delete_all: deleteAllJob,
};
