import { useRef, useState } from 'react';
import { pds } from '../../api/pds.js';
import type { PdsFile } from '../../api/types.js';
import { describeError } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';
import { Skeleton } from '../../components/skeleton.js';
import { FileRow } from './file-row.js';

/** Starts a download through a signed URL (same origin, so the browser keeps the file name). */
function saveAs(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function FileTable({ driveId, items, loaded, canEdit, selected, setSelected, onChanged, onError, onTrash }: {
  driveId: string;
  items: PdsFile[];
  loaded: boolean;
  /** Selecting (to trash) and renaming are for editors and owners only. */
  canEdit: boolean;
  selected: Set<string>;
  setSelected: (s: Set<string>) => void;
  onChanged: () => void;
  onError: (message: string | undefined) => void;
  /** Moves these to the recycle bin (a row's menu or Delete: the selection if the row is in it). */
  onTrash: (files: PdsFile[]) => void;
}) {
  const [renaming, setRenaming] = useState<string>();
  // The last checkbox clicked: Shift+click selects everything between it and the new one.
  const anchor = useRef<number>(-1);
  const [busy, run] = useBusy();
  if (!loaded) return <Skeleton label="Loading the folder" rows={5} />;
  if (items.length === 0)
    return (
      <p className="empty empty-state">
        This folder is empty.{' '}
        {canEdit ? 'Upload files (or drop them on this page) or make a folder with the buttons above.' : 'Nothing has been put here yet.'}
      </p>
    );
  const allOn = items.length > 0 && items.every((f) => selected.has(f.file_id));

  const select = (index: number, on: boolean, shift: boolean) => {
    const next = new Set(selected);
    const from = shift && anchor.current >= 0 ? Math.min(anchor.current, index) : index;
    const to = shift && anchor.current >= 0 ? Math.max(anchor.current, index) : index;
    for (const f of items.slice(from, to + 1)) {
      if (on) next.add(f.file_id);
      else next.delete(f.file_id);
    }
    anchor.current = index;
    setSelected(next);
  };
  const trashFrom = (f: PdsFile) => onTrash(selected.has(f.file_id) ? items.filter((i) => selected.has(i.file_id)) : [f]);

  const rename = (f: PdsFile, name: string) =>
    run(async () => {
      try {
        if (name !== f.name) await pds.rename(driveId, f.file_id, name);
        setRenaming(undefined);
        onError(undefined);
        onChanged();
      } catch (err) {
        onError(`Could not rename ${f.name}. ${describeError(err)}`);
      }
    });

  const download = (f: PdsFile) =>
    run(async () => {
      try {
        saveAs((await pds.downloadUrl(driveId, f.file_id)).url, f.name);
      } catch (err) {
        onError(`Could not download ${f.name}. ${describeError(err)}`);
      }
    });

  return (
    <table className="list files">
      <caption className="sr-only">Folder contents</caption>
      <thead>
        <tr>
          {canEdit && (
            <th scope="col" className="check">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allOn}
                onChange={(e) => setSelected(e.target.checked ? new Set(items.map((f) => f.file_id)) : new Set())}
              />
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col">Size</th>
          <th scope="col">Modified</th>
          <th scope="col">Created</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {items.map((f, index) => (
          <FileRow
            key={f.file_id}
            file={f}
            canEdit={canEdit}
            selected={selected.has(f.file_id)}
            renaming={renaming === f.file_id}
            busy={busy}
            onSelect={(on, shift) => select(index, on, shift)}
            onStartRename={() => setRenaming(f.file_id)}
            onRename={(name) => void rename(f, name)}
            onCancelRename={() => setRenaming(undefined)}
            onDownload={() => void download(f)}
            onTrash={() => trashFrom(f)}
          />
        ))}
      </tbody>
    </table>
  );
}
