import type { AuditFilter } from '../../api/jobs.js';
import type { PdsDrive, SessionUser } from '../../api/types.js';
import { dayEnd, dayStart } from '../../lib/days.js';
import { UserSelect } from '../../components/user-select.js';

export const ACTIONS: Record<string, string> = {
  trash: 'Move to bin',
  restore: 'Restore',
  delete: 'Delete permanently',
  clear: 'Empty bin',
  expire: 'Retention expiry',
  cancel: 'Cancel job',
  settings: 'Bin settings',
  user: 'User change',
  access_key: 'Access key change',
};


/** The filters in the form's own terms: days, not times. */
export interface FilterForm {
  drive: string;
  actor: string;
  action: string;
  fromDay: string;
  toDay: string;
}

export const toFilter = (f: FilterForm): AuditFilter => ({ drive: f.drive, actor: f.actor, action: f.action, from: dayStart(f.fromDay), to: dayEnd(f.toDay) });

/** Drive, user, action and a range of days; every change applies at once (page 1). */
export function AuditFilters({ form, drives, users, onChange }: {
  form: FilterForm;
  drives: PdsDrive[];
  users: SessionUser[];
  onChange: (next: FilterForm) => void;
}) {
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => onChange({ ...form, [key]: e.target.value });
  return (
    <div className="toolbar audit-filters">
      <label htmlFor="audit-drive">Drive</label>
      <select id="audit-drive" value={form.drive} onChange={set('drive')}>
        <option value="">All drives</option>
        {drives.map((d) => (
          <option key={d.drive_id} value={d.drive_id}>
            {d.drive_name}
          </option>
        ))}
      </select>
      <label htmlFor="audit-actor">By</label>
      <UserSelect id="audit-actor" value={form.actor} users={users} onChange={set('actor')} />
      <label htmlFor="audit-action">Action</label>
      <select id="audit-action" value={form.action} onChange={set('action')}>
        <option value="">All actions</option>
        {Object.entries(ACTIONS).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <label htmlFor="audit-from">From</label>
      <input id="audit-from" type="date" value={form.fromDay} onChange={set('fromDay')} />
      <label htmlFor="audit-to">To</label>
      <input id="audit-to" type="date" value={form.toDay} onChange={set('toDay')} />
    </div>
  );
}
