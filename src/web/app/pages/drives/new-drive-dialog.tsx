import { useEffect, useState } from 'react';
import { jobsApi } from '../../api/jobs.js';
import { pds } from '../../api/pds.js';
import type { SessionUser } from '../../api/types.js';
import { FormDialog } from '../../components/form-dialog.js';
import { describeError } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

const GIB = 1024 ** 3;

/**
 * "New drive": a name for everyone; an admin also chooses the owner (any user, themself by
 * default) and the quota in GiB or no limit. Anyone else's drive gets the server's default
 * quota, and the server enforces how many drives they may own (its refusal is shown).
 */
export function NewDriveDialog({ me, onCreated, onCancel }: { me: SessionUser; onCreated: (driveId: string, name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [owner, setOwner] = useState(me.id);
  const [users, setUsers] = useState<SessionUser[]>([me]);
  const [limited, setLimited] = useState(false);
  const [gib, setGib] = useState('10');
  const [problem, setProblem] = useState<string>();
  const [busy, run] = useBusy();

  useEffect(() => {
    if (me.isAdmin) jobsApi.users().then((u) => setUsers(u.users), () => undefined);
  }, [me]);

  // useBusy's guard: a double click on Create makes one drive.
  const submit = () =>
    run(async () => {
      const trimmed = name.trim();
      if (!trimmed) return setProblem('Enter a name for the drive.');
      const quota = Number(gib);
      if (me.isAdmin && limited && !(quota > 0 && quota <= 1024 * 1024)) return setProblem('The quota is a number of GiB above 0.');
      try {
        const answer = await pds.createDrive(
          trimmed,
          me.isAdmin ? { owner, totalSize: limited ? Math.round(quota * GIB) : -1 } : {},
        );
        onCreated(answer.drive_id, trimmed);
      } catch (err) {
        setProblem(describeError(err));
      }
    });

  return (
    <FormDialog id="new-drive" title="New drive" submitLabel="Create drive" busy={busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <div className="field">
        <label htmlFor="new-drive-name">Drive name</label>
        <input id="new-drive-name" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={problem ? 'new-drive-problem' : undefined} />
      </div>
      {me.isAdmin && (
        <>
          <div className="field">
            <label htmlFor="new-drive-owner">Owner</label>
            <select id="new-drive-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.id === me.id ? `${u.name} (you)` : u.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="plain">
            <legend>Space</legend>
            <label>
              <input type="radio" name="new-drive-quota" checked={!limited} onChange={() => setLimited(false)} /> No limit
            </label>
            <span className="field-row">
              <input type="radio" id="new-drive-limited" name="new-drive-quota" checked={limited} onChange={() => setLimited(true)} />
              <label htmlFor="new-drive-limited">At most</label>
              <input
                id="new-drive-gib"
                type="number"
                min="1"
                step="1"
                aria-label="Quota in GiB"
                value={gib}
                disabled={!limited}
                onChange={(e) => setGib(e.target.value)}
              />
              GiB
            </span>
          </fieldset>
        </>
      )}
      {!me.isAdmin && <p className="hint">Your drive gets the server's standard space; an admin can change it.</p>}
      {problem && (
        <p id="new-drive-problem" className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </FormDialog>
  );
}
