import type { SalvageClient } from './http-client.js';

/** An audit record as `/v1/audit` answers. */
export interface AuditRecord {
  id: number;
  time: string;
  actor: string | null;
  actorName: string | null;
  dialect: string;
  action: string;
  driveId: string | null;
  itemId: string | null;
  name: string | null;
  path: string | null;
  bytes: number | null;
  jobId: number | null;
  outcome: string;
  detail: string;
}

export interface AuditFilter {
  driveId?: string;
  actorId?: string;
  action?: string;
  /** ISO 8601 times, inclusive. */
  from?: string;
  to?: string;
}

export function auditQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.driveId) query.set('drive', filter.driveId);
  if (filter.actorId) query.set('actor', filter.actorId);
  if (filter.action) query.set('action', filter.action);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  return query;
}

/** Newest first, up to `limit`, paging `/v1/audit` (at most 100 a page). */
export async function listAudit(client: SalvageClient, filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  const pageSize = Math.min(limit, 100);
  for (let page = 1; records.length < limit; page++) {
    const query = auditQuery(filter);
    query.set('page', String(page));
    query.set('pageSize', String(pageSize));
    const answer = await client.jobs<{ records: AuditRecord[]; totalCount: number }>('GET', `audit?${query}`);
    records.push(...answer.records);
    if (answer.records.length < pageSize || records.length >= answer.totalCount) break;
  }
  return records.slice(0, limit);
}
