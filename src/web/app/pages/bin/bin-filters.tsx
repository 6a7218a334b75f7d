import { type FormEvent, useState } from 'react';
import { pds } from '../../api/pds.js';
import type { SessionUser } from '../../api/types.js';
import { describeError } from '../../lib/errors.js';
import { BIN_ORDERS, type BinFilters, type BinOrder } from './bin-query.js';
import { UserSelect } from '../../components/user-select.js';

/**
 * The bin's filters, all applied on the server: name (typed, sent once typing pauses),
 * who deleted it, a range of days, type, the folder it was deleted from, and the order.
 * "Deleted from" takes a live folder's path and resolves it once to its id.
 */
export function BinFilterBar({ driveId, form, users, onChange }: {
  driveId: string;
  form: BinFilters;
  users: SessionUser[];
  onChange: (next: BinFilters) => void;
}) {
  const [path, setPath] = useState(form.from?.path ?? '');
  const [pathError, setPathError] = useState<string>();
  const [wide] = useState(() => !window.matchMedia('(max-width: 700px)').matches);
  const set = (key: 'name' | 'deletedBy' | 'sinceDay' | 'untilDay' | 'type') => (e: { target: { value: string } }) =>
    onChange({ ...form, [key]: e.target.value });

  const applyFrom = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = path.trim();
    if (!wanted) return onChange({ ...form, from: undefined });
    const absolute = wanted.startsWith('/') ? wanted : `/${wanted}`;
    try {
      const folder = await pds.getByPath(driveId, absolute);
      if (folder.type !== 'folder') return setPathError(`${absolute} is a file, not a folder.`);
      setPathError(undefined);
      onChange({ ...form, from: { id: folder.file_id, path: absolute === '/' ? '/ (root)' : absolute } });
    } catch (err) {
      setPathError(`No folder at ${absolute}: ${describeError(err)}`);
    }
  };

  return (
    <div className="bin-filters" role="search" aria-label="Search the recycle bin">
      <div className="toolbar">
        <span className="pair">
          <label htmlFor="bin-filter">Name contains</label>
          <input id="bin-filter" type="search" value={form.name} onChange={set('name')} />
        </span>
      </div>
      {/* On a phone the other filters fold away under one line; on a wider screen they show. */}
      <details className="more-filters" open={wide}>
        <summary>More filters</summary>
        <div className="toolbar">
          <span className="pair">
            <label htmlFor="bin-by">Deleted by</label>
            <UserSelect id="bin-by" value={form.deletedBy} users={users} onChange={set('deletedBy')} />
          </span>
          <span className="pair">
            <label htmlFor="bin-since">Deleted since</label>
            <input id="bin-since" type="date" value={form.sinceDay} onChange={set('sinceDay')} />
          </span>
          <span className="pair">
            <label htmlFor="bin-until">until</label>
            <input id="bin-until" type="date" value={form.untilDay} onChange={set('untilDay')} />
          </span>
          <span className="pair">
            <label htmlFor="bin-type">Type</label>
            <select id="bin-type" value={form.type} onChange={set('type')}>
              <option value="">Files and folders</option>
              <option value="file">Files</option>
              <option value="folder">Folders</option>
            </select>
          </span>
          <span className="pair">
            <label htmlFor="bin-order">Sort</label>
            <select id="bin-order" value={form.order} onChange={(e) => onChange({ ...form, order: e.target.value as BinOrder })}>
              {BIN_ORDERS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </span>
        </div>
        <form className="toolbar" onSubmit={(e) => void applyFrom(e)}>
          <label htmlFor="bin-from">Deleted from folder</label>
          <input
            id="bin-from"
            placeholder="/path/to/folder"
            value={path}
            aria-invalid={Boolean(pathError)}
            aria-describedby={pathError ? 'bin-from-error' : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          <input
            id="bin-subfolders"
            type="checkbox"
            checked={form.withSubfolders}
            onChange={(e) => onChange({ ...form, withSubfolders: e.target.checked })}
          />
          <label htmlFor="bin-subfolders">and its subfolders</label>
          <button type="submit">Apply folder</button>
          {form.from && (
            <button
              type="button"
              onClick={() => {
                setPath('');
                setPathError(undefined);
                onChange({ ...form, from: undefined });
              }}
            >
              Any folder
            </button>
          )}
          {pathError && (
            <span id="bin-from-error" className="inline-error">
              {pathError}
            </span>
          )}
        </form>
      </details>
    </div>
  );
}
