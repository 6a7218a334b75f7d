import { type FormEvent, useEffect, useState } from 'react';
import { pds } from '../api/pds.js';
import type { LockMode, PdsDrive, RetentionLock } from '../api/types.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { describeError } from '../lib/errors.js';
import { useBusy } from '../lib/use-busy.js';

type Mode = LockMode | 'none';

/** What the lock means, in one sentence a member can act on. */
function lockInWords(lock: RetentionLock | null | undefined): string {
  if (!lock) return 'No retention lock: the owner can delete items from the bin at any time.';
  const days = lock.min_retention_days === 1 ? '1 day' : `${lock.min_retention_days} days`;
  return lock.mode === 'compliance'
    ? `Compliance, ${days}: nobody, admin included, can delete an item for good before it has been in the bin ${days}. This lock can be lengthened, never shortened or removed.`
    : `Governance, ${days}: an item stays in the bin at least ${days}; only an admin who explicitly bypasses the lock can delete it earlier.`;
}

/**
 * The bin's retention lock (docs/pds.md, "Retention lock"), shown to every member; an admin
 * sets it here. Compliance is for good: the server refuses to shorten or remove it, so the
 * form offers only lengthening it, and asks before setting it.
 */
export function RetentionLockForm({ driveId, isAdmin, binEnabled, reservedDays }: {
  driveId: string;
  isAdmin: boolean;
  binEnabled: boolean;
  reservedDays: number;
}) {
  const [drive, setDrive] = useState<PdsDrive>();
  const [mode, setMode] = useState<Mode>('none');
  const [days, setDays] = useState('1');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, run] = useBusy();

  const show = (d: PdsDrive) => {
    setDrive(d);
    setMode(d.recyclebin_lock?.mode ?? 'none');
    setDays(String(d.recyclebin_lock?.min_retention_days ?? Math.min(7, reservedDays)));
  };
  useEffect(() => {
    pds.getDrive(driveId).then(show, (err) => setError(describeError(err)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [driveId]);

  const lock = drive?.recyclebin_lock;
  const compliance = lock?.mode === 'compliance';
  const least = compliance ? lock.min_retention_days : 1;
  const n = Number(days);
  const daysProblem =
    mode !== 'none' && (!/^[0-9]+$/.test(days) || n < least || n > reservedDays)
      ? `Enter a whole number of days from ${least} to ${reservedDays} (the days the bin keeps items).`
      : undefined;

  const save = () =>
    void run(async () => {
      try {
        show(await pds.setLock(driveId, mode, n));
        setError(undefined);
        setMessage(mode === 'none' ? 'Saved: the retention lock is removed.' : `Saved: the retention lock is ${mode}, ${n} days.`);
      } catch (err) {
        setMessage(undefined);
        setError(describeError(err));
      }
      setConfirming(false);
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (daysProblem) return setError(daysProblem);
    if (mode === 'compliance') return setConfirming(true);
    save();
  };

  return (
    <section className="panel lock" aria-labelledby="lock-title">
      <h2 id="lock-title">Retention lock</h2>
      <p id="lock-now">{drive ? lockInWords(lock) : 'Loading…'}</p>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {drive && !isAdmin && <p className="hint">Only an admin can set or change the retention lock.</p>}
      {drive && isAdmin && !binEnabled && <p className="hint">Turn the recycle bin on to set a retention lock.</p>}
      {drive && isAdmin && binEnabled && (
        <form className="settings" onSubmit={submit}>
          <div className="field">
            <label htmlFor="lock-mode">Lock mode</label>
            <select id="lock-mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              {!compliance && <option value="none">No lock</option>}
              {!compliance && <option value="governance">Governance (an admin may bypass it)</option>}
              <option value="compliance">Compliance (nobody may bypass it, for good)</option>
            </select>
          </div>
          {mode !== 'none' && (
            <div className="field">
              <label htmlFor="lock-days">Minimum days in the bin ({least}-{reservedDays})</label>
              <input
                id="lock-days"
                type="number"
                min={least}
                max={reservedDays}
                required
                value={days}
                aria-invalid={Boolean(daysProblem)}
                onChange={(e) => setDays(e.target.value)}
              />
            </div>
          )}
          {mode === 'compliance' && (
            <p className="warning" id="lock-warning">
              <strong>Compliance cannot be undone:</strong> once set, nobody, admin included, can shorten or remove it, or delete a locked item
              before its time; the bin's days cannot go below it either.
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save lock'}
          </button>
        </form>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Set a compliance lock of ${n} days?`}
          confirmLabel="Set compliance lock"
          busy={busy}
          onConfirm={save}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Every item in this bin will be kept at least {n} days from when it was deleted. <strong>Nobody, admin included, can shorten or remove this lock.</strong>
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
