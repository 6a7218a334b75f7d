import type { JobsOperation } from './operation.js';
import { csrf } from './routes/auth/csrf.js';
import { login } from './routes/auth/login.js';
import { logout } from './routes/auth/logout.js';
import { currentSession } from './routes/auth/session.js';
import { listUsers } from './routes/auth/users.js';
import { getRecycleBin } from './routes/drives/get-recyclebin.js';
import { updateRecycleBin } from './routes/drives/update-recyclebin.js';
import { cancelJob } from './routes/jobs/cancel.js';
import { getJob } from './routes/jobs/get.js';
import { listJobs } from './routes/jobs/list.js';
import { exportAudit } from './routes/audit/export.js';
import { listAudit } from './routes/audit/list.js';
import { getJobReport } from './routes/jobs/report.js';

/**
 * Every operation of the Jobs dialect (SPEC section 5) and the few the web UI adds in its
 * style (session, users, bin settings, the audit trail); each row carries its method and path.
 */
export const JOBS_OPERATIONS = {
  csrf,
  login,
  logout,
  currentSession,
  listUsers,
  cancelJob,
  listJobs,
  getJob,
  getJobReport,
  getRecycleBin,
  updateRecycleBin,
  listAudit,
  exportAudit,
} as const satisfies Record<string, JobsOperation>;
