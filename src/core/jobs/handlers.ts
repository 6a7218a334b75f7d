import { clearJob, deleteJob, expireJob } from '../recycle-bin/delete.js';
import { restoreJob } from '../recycle-bin/restore.js';
import type { JobHandlers } from './handler.js';

/** Every job type and the code that runs it. Trash needs no job (see trash.ts). */
export const jobHandlers: JobHandlers = {
  trash: { run: async () => undefined },
  restore: restoreJob,
  delete: deleteJob,
  clear: clearJob,
  expire: expireJob,
};
