import type { ReactNode } from 'react';
import type { PdsFile } from '../../api/types.js';
import { RelativeTime } from '../../components/relative-time.js';
import { daysLeft, displayPath, folderOf, formatBytes } from '../../lib/format.js';
import { hrefOf } from '../../lib/route.js';

/** Bin items: what, when and by whom deleted, from where, and how long until retention purges it. */
export function BinTable({ driveId, items, insideFolder, selectable, selected, onSelect, onSelectAll, rowActions }: {
  driveId: string;
  items: PdsFile[];
  insideFolder: boolean;
  /** Selecting (to restore or delete) is for editors and owners: viewers only browse. */
  selectable: boolean;
  selected: Set<string>;
  onSelect: (id: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  /** Each row's own buttons (Restore, Delete forever), when the caller may use any. */
  rowActions?: (f: PdsFile) => ReactNode;
}) {
  const allOn = items.length > 0 && items.every((f) => selected.has(f.file_id));
  return (
    <table className="list bin">
      <caption className="sr-only">{insideFolder ? 'Contents of the trashed folder' : 'Items in the recycle bin'}</caption>
      <thead>
        <tr>
          {selectable && (
            <th scope="col" className="check">
              <input type="checkbox" aria-label="Select all shown" checked={allOn} onChange={(e) => onSelectAll(e.target.checked)} />
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col">Deleted</th>
          {!insideFolder && <th scope="col">Deleted by</th>}
          {!insideFolder && <th scope="col">From</th>}
          {!insideFolder && <th scope="col">Days left</th>}
          <th scope="col">Size</th>
          {rowActions && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.file_id} className={selected.has(f.file_id) ? 'selected' : undefined} data-name={f.name}>
            {selectable && (
              <td className="check">
                <input
                  type="checkbox"
                  aria-label={`Select ${f.name}`}
                  checked={selected.has(f.file_id)}
                  onChange={(e) => onSelect(f.file_id, e.target.checked)}
                />
              </td>
            )}
            <th scope="row" className="name">
              {f.type === 'folder' ? (
                <a href={hrefOf({ page: 'bin', driveId, folderId: f.file_id })} aria-label={`Browse trashed folder ${f.name}`}>
                  {f.name}
                  <span aria-hidden="true">/</span>
                </a>
              ) : (
                <span>{f.name}
                </span>
              )}
            </th>
            <td data-label="Deleted">
              <RelativeTime at={f.trashed_at} />
            </td>
            {!insideFolder && <td data-label="Deleted by">{f.trashed_by_name || '—'}</td>}
            {!insideFolder && <td data-label="From">{displayPath(folderOf(f.original_path))}</td>}
            {!insideFolder && <td data-label="Days left">{daysLeft(f.auto_delete_left_sec)}</td>}
            <td data-label="Size">{f.type === 'folder' ? 'Folder' : formatBytes(f.size)}</td>
            {rowActions && <td className="actions">{rowActions(f)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
