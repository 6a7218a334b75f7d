import type { AuditRecord } from '../../../core/audit/audit-types.js';
import type { Dialect } from '../../../core/types.js';

const DIALECT_NAMES: Record<Dialect, string> = {
  pds: 'PDS',
  nas: 'NAS',
  jobs: 'Jobs',
  cli: 'CLI',
  ui: 'UI',
  webdav: 'WebDAV',
  retention: 'retention',
  internal: 'internal',
};

/** One audit record as `/v1/audit` and its export show it; times are ISO 8601 UTC to the millisecond. */
export const renderAuditRecord = (r: AuditRecord) => ({
  id: r.id,
  time: new Date(r.at).toISOString(),
  actor: r.actorId,
  actorName: r.actorName,
  dialect: DIALECT_NAMES[r.dialect] ?? r.dialect,
  action: r.action,
  driveId: r.driveId,
  itemId: r.itemId,
  name: r.name,
  path: r.path,
  bytes: r.bytes,
  jobId: r.jobId,
  outcome: r.outcome,
  detail: r.detail,
});

export type RenderedAuditRecord = ReturnType<typeof renderAuditRecord>;

export const AUDIT_COLUMNS = [
  'id', 'time', 'actor', 'actorName', 'dialect', 'action', 'driveId', 'itemId', 'name', 'path', 'bytes', 'jobId', 'outcome', 'detail',
] as const satisfies readonly (keyof RenderedAuditRecord)[];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, since
 * names and paths are anyone's text.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvHeader = (): string => `${AUDIT_COLUMNS.join(',')}\r\n`;

export const csvLine = (r: RenderedAuditRecord): string => `${AUDIT_COLUMNS.map((c) => csvField(r[c])).join(',')}\r\n`;

export const jsonLine = (r: RenderedAuditRecord): string => `${JSON.stringify(r)}\n`;
