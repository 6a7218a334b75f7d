import { type FormEvent, useState } from 'react';
import { pds } from '../../api/pds.js';
import { describeError, nameProblem } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/** "New folder": a name field and Create; the server refuses a taken name (check_name_mode refuse). */
export function NewFolderForm({ driveId, folderId, onCreated, onError }: {
  driveId: string;
  folderId: string;
  onCreated: (name: string) => void;
  onError: (message: string) => void;
}) {
  const [name, setName] = useState('');
  const [busy, run] = useBusy();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = nameProblem(name);
    if (problem) return onError(problem);
    void run(async () => {
      try {
        await pds.createFolder(driveId, folderId, name);
        setName('');
        onCreated(name);
      } catch (err) {
        onError(describeError(err));
      }
    });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="new-folder-name">New folder</label>
      <input id="new-folder-name" placeholder="Folder name" value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={busy}>
        Create folder
      </button>
    </form>
  );
}
