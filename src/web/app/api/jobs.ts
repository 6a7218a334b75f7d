import { request } from './http.js';
import type { AuditPage, BinSettings, JobPage, JobStatus, SessionUser } from './types.js';

/** The audit filters, as /v1/audit and its export take them (empty: no filter). */
export interface AuditFilter {
  drive: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

export function auditQuery(filter: AuditFilter): URLSearchParams {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) q.set(key, value);
  return q;
}

/** The Jobs dialect (`/v1/...`, SPEC section 5) and the UI's session calls. */
export const jobsApi = {
  /** Fetches a CSRF token for the login's double submit (the cookie is what counts). */
  csrf: () => request<{ token: string }>('GET', '/csrf'),
  login: (username: string, password: string) =>
    request<{ user: SessionUser }>('POST', '/v1/auth/login', { username, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/v1/auth/logout', undefined, { quiet401: true }),
  session: () => request<{ user: SessionUser }>('GET', '/v1/auth/session', undefined, { quiet401: true }),
  list: (params: { page: number; state?: string; drive?: string; pageSize?: number }) => {
    const q = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize ?? 20) });
    if (params.state) q.set('state', params.state);
    if (params.drive) q.set('drive', params.drive);
    return request<JobPage>('GET', `/v1/jobs?${q.toString()}`);
  },
  get: (id: number | string) => request<{ status: JobStatus }>('GET', `/v1/jobs/${encodeURIComponent(String(id))}`),
  /** The job's completion report (JSON Lines), for a link: the session cookie is all a GET needs. */
  reportUrl: (id: number) => `/v1/jobs/${encodeURIComponent(String(id))}/report`,
  cancel: (id: number) => request<{ status: JobStatus }>('POST', '/v1/jobs/cancel', { jobId: { id } }),
  users: () => request<{ users: SessionUser[] }>('GET', '/v1/users'),
  audit: (filter: AuditFilter, page: number, pageSize = 50) => {
    const q = auditQuery(filter);
    q.set('page', String(page));
    q.set('pageSize', String(pageSize));
    return request<AuditPage>('GET', `/v1/audit?${q.toString()}`);
  },
  /** A plain link: the browser downloads it with the session cookie (a GET needs no CSRF header). */
  auditExportUrl: (filter: AuditFilter, format: 'csv' | 'jsonl') => {
    const q = auditQuery(filter);
    q.set('format', format);
    return `/v1/audit/export?${q.toString()}`;
  },
  binSettings: (driveId: string) => request<BinSettings>('GET', `/v1/drives/${encodeURIComponent(driveId)}/recyclebin`),
  updateBinSettings: (driveId: string, enabled: boolean, reservedDays: number) =>
    request<BinSettings>('PUT', `/v1/drives/${encodeURIComponent(driveId)}/recyclebin`, { enabled, reservedDays }),
};
