import type { PdsFile } from '../../api/types.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatBytes } from '../../lib/format.js';
import { hrefOf } from '../../lib/route.js';
import { RenameForm } from './rename-form.js';

export interface FileRowProps {
  file: PdsFile;
  canEdit: boolean;
  selected: boolean;
  renaming: boolean;
  busy: boolean;
  onSelect: (on: boolean) => void;
  onStartRename: () => void;
  onRename: (name: string) => void;
  onCancelRename: () => void;
  onDownload: () => void;
}

export function FileRow(p: FileRowProps) {
  const f = p.file;
  const isFolder = f.type === 'folder';
  return (
    <tr className={p.selected ? 'selected' : undefined} data-name={f.name}>
      {p.canEdit && (
        <td className="check">
          <input type="checkbox" aria-label={`Select ${f.name}`} checked={p.selected} onChange={(e) => p.onSelect(e.target.checked)} />
        </td>
      )}
      <th scope="row" className="name">
        {p.renaming ? (
          <RenameForm current={f.name} busy={p.busy} onSave={p.onRename} onCancel={p.onCancelRename} />
        ) : isFolder ? (
          <a href={hrefOf({ page: 'files', driveId: f.drive_id, folderId: f.file_id })}>
            {f.name}
            <span aria-hidden="true">/</span>
          </a>
        ) : (
          <span>{f.name}
            {f.status === 'uploading' && <em> (uploading)</em>}
          </span>
        )}
      </th>
      <td data-label="Size">{isFolder ? 'Folder' : formatBytes(f.size)}</td>
      <td data-label="Modified">
        <RelativeTime at={f.updated_at} />
      </td>
      <td data-label="Created">
        <RelativeTime at={f.created_at} />
      </td>
      <td className="actions">
        {p.canEdit && !p.renaming && (
          <button type="button" className="small" onClick={p.onStartRename} disabled={p.busy} aria-label={`Rename ${f.name}`}>
            Rename
          </button>
        )}
        {!isFolder && f.status === 'available' && (
          <button type="button" className="small" onClick={p.onDownload} disabled={p.busy} aria-label={`Download ${f.name}`}>
            Download
          </button>
        )}
      </td>
    </tr>
  );
}
