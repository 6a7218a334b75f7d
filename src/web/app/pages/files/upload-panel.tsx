import { useEffect, useRef, useState } from 'react';
import { pds } from '../../api/pds.js';
import { uploadFile } from '../../api/upload.js';
import { describeError } from '../../lib/errors.js';
import { formatBytes } from '../../lib/format.js';
import { type Pick, picksOfDrop, picksOfInput } from './dropped-files.js';

interface UploadState {
  key: string;
  /** As shown: the path below the folder it goes to (`photos/a.jpg`). */
  name: string;
  size: number;
  sent: number;
  error?: string;
  done: boolean;
}

/**
 * Upload files or whole folders, by the buttons or by dropping them anywhere on the page,
 * into the folder shown. Each transfer has a line in a tray in the corner (its bar, then
 * "Uploaded" or the server's reason), which can be dismissed once nothing runs. Files go
 * one after another, so a quota refusal stops at the file that does not fit; the folders
 * of a dropped folder are made on the way, or joined when they exist.
 */
export function UploadPanel({ driveId, folderId, folderName, onUploaded }: { driveId: string; folderId: string; folderName: string; onUploaded: () => void }) {
  const files = useRef<HTMLInputElement>(null);
  const folders = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [running, setRunning] = useState(false);
  const [dragging, setDragging] = useState(false);
  const runningRef = useRef(false);

  const patch = (key: string, p: Partial<UploadState>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u)));

  const start = async (picks: Pick[]) => {
    if (runningRef.current || picks.length === 0) return;
    runningRef.current = true;
    setRunning(true);
    const stamp = Date.now();
    const batch = picks.map((p, i) => ({ ...p, key: `${stamp}-${i}`, name: p.dir ? `${p.dir}/${p.file.name}` : p.file.name }));
    setUploads(batch.map((u) => ({ key: u.key, name: u.name, size: u.file.size, sent: 0, done: false })));
    const made = new Map<string, string>([['', folderId]]);
    const folderFor = async (dir: string): Promise<string> => {
      const known = made.get(dir);
      if (known) return known;
      const cut = dir.lastIndexOf('/');
      const parent = await folderFor(cut > 0 ? dir.slice(0, cut) : '');
      const id = (await pds.folderNamed(driveId, parent, dir.slice(cut + 1))).file_id;
      made.set(dir, id);
      return id;
    };
    for (const u of batch) {
      try {
        await uploadFile(driveId, await folderFor(u.dir), u.file, (sent) => patch(u.key, { sent }));
        patch(u.key, { done: true, sent: u.file.size });
      } catch (err) {
        patch(u.key, { error: describeError(err) });
      }
    }
    runningRef.current = false;
    setRunning(false);
    if (files.current) files.current.value = '';
    if (folders.current) folders.current.value = '';
    onUploaded();
  };

  // The whole window is the drop target while this folder is shown.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      setDragging(false);
      void picksOfDrop(e.dataTransfer).then((picks) => start(picks));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [driveId, folderId]);

  const finished = uploads.filter((u) => u.done).length;
  return (
    <div className="upload">
      <label className="button-like" htmlFor="upload-input" aria-disabled={running}>
        Upload files
      </label>
      <input
        id="upload-input"
        ref={files}
        className="visually-hidden-input"
        type="file"
        multiple
        disabled={running}
        onChange={(e) => void start(picksOfInput(e.target.files))}
      />
      <label className="button-like" htmlFor="upload-folder-input" aria-disabled={running}>
        Upload a folder
      </label>
      <input
        id="upload-folder-input"
        ref={folders}
        className="visually-hidden-input"
        type="file"
        // A folder and everything in it (each file keeps its path below it).
        {...{ webkitdirectory: '' }}
        disabled={running}
        onChange={(e) => void start(picksOfInput(e.target.files))}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files or folders to upload them to {folderName || 'this folder'}
        </div>
      )}
      {uploads.length > 0 && (
        <section className="upload-tray" aria-label="Uploads">
          <div className="upload-tray-head">
            <h2>{running ? `Uploading ${finished + 1} of ${uploads.length}` : `Uploads: ${finished} of ${uploads.length} done`}</h2>
            <button type="button" className="small" disabled={running} onClick={() => setUploads([])}>
              Dismiss
            </button>
          </div>
          <ul className="uploads">
            {uploads.map((u) => (
              <li key={u.key}>
                <span className="upload-name">{u.name}</span>
                <progress aria-label={`Upload of ${u.name}`} max={Math.max(u.size, 1)} value={u.size === 0 && u.done ? 1 : u.sent} />
                <span className="counts">{u.error ? '' : u.done ? 'Uploaded' : `${formatBytes(u.sent)} of ${formatBytes(u.size)}`}</span>
                {u.error && (
                  <span className="inline-error" role="alert">
                    {u.name}: {u.error}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
