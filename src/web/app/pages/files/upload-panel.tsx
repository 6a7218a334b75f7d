import { useRef, useState } from 'react';
import { uploadFile } from '../../api/upload.js';
import { describeError } from '../../lib/errors.js';
import { formatBytes } from '../../lib/format.js';

interface UploadState {
  key: string;
  name: string;
  size: number;
  sent: number;
  error?: string;
  done: boolean;
}

/**
 * Upload button and one progress bar per file. Files go one after another, so a quota
 * refusal stops at the file that does not fit, with the server's reason next to it.
 */
export function UploadPanel({ driveId, folderId, onUploaded }: { driveId: string; folderId: string; onUploaded: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [running, setRunning] = useState(false);

  const patch = (key: string, p: Partial<UploadState>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u)));

  const start = async (files: File[]) => {
    if (running || files.length === 0) return;
    setRunning(true);
    const batch = files.map((f, i) => ({ key: `${Date.now()}-${i}-${f.name}`, name: f.name, size: f.size, sent: 0, done: false, file: f }));
    setUploads(batch.map(({ file: _f, ...u }) => u));
    for (const u of batch) {
      try {
        await uploadFile(driveId, folderId, u.file, (sent) => patch(u.key, { sent }));
        patch(u.key, { done: true, sent: u.size });
      } catch (err) {
        patch(u.key, { error: describeError(err) });
      }
    }
    setRunning(false);
    if (input.current) input.current.value = '';
    onUploaded();
  };

  return (
    <div className="upload">
      <label className="button-like" htmlFor="upload-input" aria-disabled={running}>
        Upload files
      </label>
      <input
        id="upload-input"
        ref={input}
        className="visually-hidden-input"
        type="file"
        multiple
        disabled={running}
        onChange={(e) => void start(Array.from(e.target.files ?? []))}
      />
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key}>
              <span className="upload-name">{u.name}</span>
              <progress aria-label={`Upload of ${u.name}`} max={Math.max(u.size, 1)} value={u.size === 0 && u.done ? 1 : u.sent} />
              <span className="counts">
                {u.error ? '' : u.done ? 'Uploaded' : `${formatBytes(u.sent)} of ${formatBytes(u.size)}`}
              </span>
              {u.error && (
                <span className="inline-error" role="alert">
                  {u.name}: {u.error}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
