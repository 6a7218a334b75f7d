import { useEffect, useMemo, useState } from 'react';
import { jobsApi } from '../../api/jobs.js';
import { pds } from '../../api/pds.js';
import type { AuditPage as AuditAnswer, AuditRecord, PdsDrive, SessionUser } from '../../api/types.js';
import { Notice } from '../../components/notice.js';
import { Pager } from '../../components/pager.js';
import { describeError } from '../../lib/errors.js';
import { formatBytes, formatDate } from '../../lib/format.js';
import { ACTIONS, AuditFilters, type FilterForm, toFilter } from './audit-filters.js';
import { Skeleton } from '../../components/skeleton.js';

const PAGE_SIZE = 50;
const NO_FILTER: FilterForm = { drive: '', actor: '', action: '', fromDay: '', toDay: '' };

/** What the record is about: the item's path (or name), else the drive. */
const whatOf = (r: AuditRecord, driveName: (id: string) => string): string =>
  r.path ?? r.name ?? r.itemId ?? (r.driveId ? driveName(r.driveId) : '—');

/**
 * The audit trail: who did what, when, by which way, newest first, filtered on the server
 * and paged 50 at a time, with the same filters as CSV or JSON Lines downloads. Read only:
 * nobody can change a record.
 */
export function AuditPage({ me }: { me: SessionUser }) {
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditAnswer>();
  const [error, setError] = useState<string>();
  const [drives, setDrives] = useState<PdsDrive[]>([]);
  const [users, setUsers] = useState<SessionUser[]>([]);
  const filter = useMemo(() => toFilter(form), [form]);

  useEffect(() => {
    pds.listDrives().then((d) => setDrives(d.items), () => undefined);
    jobsApi.users().then((u) => setUsers(u.users), () => setUsers([me]));
  }, [me]);

  useEffect(() => {
    let live = true;
    jobsApi.audit(filter, page, PAGE_SIZE).then(
      (answer) => {
        if (!live) return;
        setData(answer);
        setError(undefined);
      },
      (err: unknown) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [filter, page]);

  const driveName = (id: string) => drives.find((d) => d.drive_id === id)?.drive_name ?? id;
  const pages = data ? Math.max(1, Math.ceil(data.totalCount / data.pageSize)) : 1;
  return (
    <>
      <h1>Audit</h1>
      <p className="hint">
        {me.isAdmin ? 'Every recorded action.' : 'What was done on the drives you own.'} Records cannot be changed or deleted; they are kept
        for the server's audit retention.
      </p>
      <AuditFilters
        form={form}
        drives={drives}
        users={users}
        onChange={(next) => {
          setForm(next);
          setPage(1);
        }}
      />
      <div className="toolbar">
        <a href={jobsApi.auditExportUrl(filter, 'csv')} download>
          Download CSV
        </a>
        <a href={jobsApi.auditExportUrl(filter, 'jsonl')} download>
          Download JSON Lines
        </a>
        {data && <span className="hint">{data.totalCount === 1 ? '1 record' : `${data.totalCount} records`}</span>}
      </div>
      <Notice error={error} />
      {!data && !error && <Skeleton label="Loading the audit trail" rows={5} />}
      {data && data.records.length === 0 && <p className="empty">No records match. Widen the days or clear a filter to see more.</p>}
      {data && data.records.length > 0 && (
        <table className="list audit">
          <caption className="sr-only">Audit records, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Who</th>
              <th scope="col">Via</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Drive</th>
              <th scope="col">What</th>
              <th scope="col">Size</th>
              <th scope="col">Job</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {data.records.map((r) => (
              <tr key={r.id} data-record-id={r.id} data-action={r.action}>
                <th scope="row">{formatDate(r.time)}</th>
                <td>{r.actorName ?? 'Salvage (retention)'}</td>
                <td>{r.dialect}</td>
                <td>{ACTIONS[r.action] ?? r.action}</td>
                <td className={`outcome outcome-${r.outcome}`}>{r.outcome.replace('_', ' ')}</td>
                <td>{r.driveId ? driveName(r.driveId) : '—'}</td>
                <td>{whatOf(r, driveName)}</td>
                <td>{r.bytes === null ? '—' : formatBytes(r.bytes)}</td>
                <td>{r.jobId === null ? '—' : `#${r.jobId}`}</td>
                <td>{r.detail || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Audit" page={page} hasPrev={page > 1} hasNext={page < pages} onPrev={() => setPage(page - 1)} onNext={() => setPage(page + 1)} />
    </>
  );
}
