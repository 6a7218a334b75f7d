import { type FormEvent, useState } from 'react';
import { nameProblem } from '../../lib/errors.js';

/** The inline rename of one row: the name field, Save and Cancel; Escape cancels. */
export function RenameForm({ current, busy, onSave, onCancel }: {
  current: string;
  busy: boolean;
  onSave: (name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(current);
  const [problem, setProblem] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = nameProblem(name);
    setProblem(p);
    if (!p) onSave(name);
  };
  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label className="sr-only" htmlFor="rename-input">
        New name for {current}
      </label>
      <input id="rename-input" autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(problem)} />
      <button type="submit" disabled={busy}>
        Save
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      {problem && (
        <span className="inline-error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
