import { type KeyboardEvent, type MouseEvent, useRef } from 'react';
import type { PdsFile } from '../../api/types.js';
import { FileIcon } from '../../components/file-icon.js';
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
  /** A click on the checkbox; with Shift held it selects the range from the last click. */
  onSelect: (on: boolean, shift: boolean) => void;
  onStartRename: () => void;
  onRename: (name: string) => void;
  onCancelRename: () => void;
  onDownload: () => void;
  onTrash: () => void;
}

/** "Folder · 12 items · 3.4 MiB" from the folder's subtree counters (no read below it). */
function folderSize(f: PdsFile): string {
  if (f.tree_count === undefined) return 'Folder';
  if (f.tree_count === 0) return 'Empty folder';
  const items = `${f.tree_count.toLocaleString()} item${f.tree_count === 1 ? '' : 's'}`;
  return `${items}, ${formatBytes(f.tree_size ?? 0)}`;
}

const typing = (e: KeyboardEvent) => e.target instanceof HTMLInputElement && e.target.type !== 'checkbox';

/**
 * One entry: checkbox, icon and name (a folder's name opens it), size, dates, and a menu
 * of what can be done with it. The keyboard works on the focused row: Enter opens (a
 * folder) or downloads (a file), F2 renames, Delete moves it to the recycle bin.
 */
export function FileRow(p: FileRowProps) {
  const f = p.file;
  const isFolder = f.type === 'folder';
  const menu = useRef<HTMLDetailsElement>(null);
  const open = () => {
    if (isFolder) window.location.hash = hrefOf({ page: 'files', driveId: f.drive_id, folderId: f.file_id });
    else if (f.status === 'available') p.onDownload();
  };
  const choose = (action: () => void) => () => {
    if (menu.current) menu.current.open = false;
    action();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (p.renaming || typing(e)) return;
    if (e.key === 'F2' && p.canEdit) {
      e.preventDefault();
      p.onStartRename();
    } else if (e.key === 'Delete' && p.canEdit) {
      e.preventDefault();
      p.onTrash();
    } else if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      open();
    }
  };
  return (
    <tr className={p.selected ? 'selected' : undefined} data-name={f.name} tabIndex={0} onKeyDown={onKeyDown}>
      {p.canEdit && (
        <td className="check">
          <input
            type="checkbox"
            aria-label={`Select ${f.name}`}
            checked={p.selected}
            onChange={() => undefined}
            onClick={(e: MouseEvent<HTMLInputElement>) => p.onSelect(e.currentTarget.checked, e.shiftKey)}
          />
        </td>
      )}
      <th scope="row" className="name">
        {p.renaming ? (
          <RenameForm current={f.name} busy={p.busy} onSave={p.onRename} onCancel={p.onCancelRename} />
        ) : isFolder ? (
          <a href={hrefOf({ page: 'files', driveId: f.drive_id, folderId: f.file_id })}>
            <FileIcon file={f} />
            {f.name}
            <span aria-hidden="true">/</span>
          </a>
        ) : (
          <span>
            <FileIcon file={f} />
            {f.name}
            {f.status === 'uploading' && <em> (uploading)</em>}
          </span>
        )}
      </th>
      <td data-label="Size">{isFolder ? folderSize(f) : formatBytes(f.size)}</td>
      <td data-label="Modified">
        <RelativeTime at={f.updated_at} />
      </td>
      <td data-label="Created">
        <RelativeTime at={f.created_at} />
      </td>
      <td className="actions">
        <details
          className="row-menu"
          ref={menu}
          // A menu closes on Escape (focus back on its button) and when focus leaves it.
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !menu.current?.open) return;
            e.stopPropagation();
            menu.current.open = false;
            menu.current.querySelector('summary')?.focus();
          }}
          onBlur={(e) => {
            if (menu.current && !e.currentTarget.contains(e.relatedTarget as Node | null)) menu.current.open = false;
          }}
        >
          <summary aria-label={`Actions for ${f.name}`} title="Actions">
            <span aria-hidden="true">⋯</span>
          </summary>
          <div className="row-menu-items">
            {isFolder ? (
              <button type="button" onClick={choose(open)}>
                Open
              </button>
            ) : (
              f.status === 'available' && (
                <button type="button" onClick={choose(p.onDownload)} disabled={p.busy} aria-label={`Download ${f.name}`}>
                  Download
                </button>
              )
            )}
            {p.canEdit && (
              <>
                <button type="button" onClick={choose(p.onStartRename)} disabled={p.busy} aria-label={`Rename ${f.name}`}>
                  Rename
                </button>
                <button type="button" className="danger" onClick={choose(p.onTrash)} disabled={p.busy} aria-label={`Move to recycle bin: ${f.name}`}>
                  Move to recycle bin
                </button>
              </>
            )}
          </div>
        </details>
      </td>
    </tr>
  );
}
