import { request } from './http.js';
import type { BinSettings, JobPage, JobStatus, SessionUser } from './types.js';

/** The Jobs dialect (`/v1/...`, SPEC section 5) and the UI's session calls. */
export const jobsApi = {
  /** Fetches a CSRF token for the login's double submit (the cookie is what counts). */
  csrf: () => request<{ token: string }>('GET', '/csrf'),
  login: (username: string, password: string) =>
    request<{ user: SessionUser }>('POST', '/v1/auth/login', { username, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/v1/auth/logout', undefined, { quiet401: true }),
  session: () => request<{ user: SessionUser }>('GET', '/v1/auth/session', undefined, { quiet401: true }),
  list: (params: { page: number; state?: string; drive?: string }) => {
    const q = new URLSearchParams({ page: String(params.page), pageSize: '20' });
    if (params.state) q.set('state', params.state);
    if (params.drive) q.set('drive', params.drive);
    return request<JobPage>('GET', `/v1/jobs?${q.toString()}`);
  },
  get: (id: number | string) => request<{ status: JobStatus }>('GET', `/v1/jobs/${encodeURIComponent(String(id))}`),
  /** The job's completion report (JSON Lines), for a link: the session cookie is all a GET needs. */
  reportUrl: (id: number) => `/v1/jobs/${encodeURIComponent(String(id))}/report`,
  cancel: (id: number) => request<{ status: JobStatus }>('POST', '/v1/jobs/cancel', { jobId: { id } }),
  binSettings: (driveId: string) => request<BinSettings>('GET', `/v1/drives/${encodeURIComponent(driveId)}/recyclebin`),
  updateBinSettings: (driveId: string, enabled: boolean, reservedDays: number) =>
    request<BinSettings>('PUT', `/v1/drives/${encodeURIComponent(driveId)}/recyclebin`, { enabled, reservedDays }),
};
