import { type FormEvent, useEffect, useState } from 'react';
import { jobsApi } from '../api/jobs.js';
import type { BinSettings, SessionUser } from '../api/types.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { Notice } from '../components/notice.js';
import { describeError } from '../lib/errors.js';
import { formatBytes, formatDate } from '../lib/format.js';
import { mayManage, roleInWords } from '../lib/roles.js';
import { hrefOf } from '../lib/route.js';
import { useBusy } from '../lib/use-busy.js';
import { useDrive } from '../lib/use-drive.js';
import { RetentionLockForm } from './retention-lock-form.js';

/**
 * A drive's recycle bin: on or off, and how many days items stay (1-180). Members read
 * them; only the owner and admins change them, so for anyone else the form is read-only.
 * Below, the retention lock: read by all, set by admins.
 */
export function SettingsPage({ driveId, me }: { driveId: string; me: SessionUser }) {
  const [settings, setSettings] = useState<BinSettings>();
  const [enabled, setEnabled] = useState(true);
  const [days, setDays] = useState('30');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [confirmOff, setConfirmOff] = useState(false);
  const [busy, run] = useBusy();
  const { drive } = useDrive(driveId);
  const canChange = mayManage(drive?.role);

  const show = (s: BinSettings) => {
    setSettings(s);
    setEnabled(s.enabled);
    setDays(String(s.reservedDays));
  };

  useEffect(() => {
    jobsApi.binSettings(driveId).then(show, (err) => setError(describeError(err)));
  }, [driveId]);

  const daysNumber = Number(days);
  const daysProblem = !/^[0-9]+$/.test(days) || daysNumber < 1 || daysNumber > 180 ? 'Enter a whole number of days from 1 to 180.' : undefined;

  const save = () =>
    void run(async () => {
      try {
        const s = await jobsApi.updateBinSettings(driveId, enabled, daysNumber);
        show(s);
        setError(undefined);
        setMessage(
          s.job
            ? `The recycle bin is off. Emptying it (job ${s.job.jobId.id}).`
            : s.enabled
              ? `Saved: items stay in the recycle bin for ${s.reservedDays} days.`
              : 'Saved: the recycle bin is off.',
        );
      } catch (err) {
        setMessage(undefined);
        setError(describeError(err));
      }
      setConfirmOff(false);
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (enabled && daysProblem) return setError(daysProblem);
    // Turning the bin off empties it: ask first.
    if (!enabled && settings?.enabled) return setConfirmOff(true);
    save();
  };

  return (
    <>
      <h1>Recycle bin settings{settings ? ` of ${settings.driveName}` : ''}</h1>
      <p>
        <a href={hrefOf({ page: 'bin', driveId })}>Open the recycle bin</a>
      </p>
      <Notice error={error} onDismiss={() => setError(undefined)} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      {drive && !canChange && (
        <p className="hint">You are {roleInWords(drive.role)} on this drive: only its owner or an admin can change these settings.</p>
      )}
      {settings && (
        <form className="settings" onSubmit={submit}>
          <fieldset className="plain" disabled={!canChange}>
            <legend className="sr-only">Recycle bin of {settings.driveName}</legend>
            <div className="field">
              <input id="bin-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
              <label htmlFor="bin-enabled">Keep deleted items in the recycle bin</label>
            </div>
            <div className="field">
              <label htmlFor="bin-days">Days to keep deleted items (1-180)</label>
              <input
                id="bin-days"
                type="number"
                min={1}
                max={180}
                required
                disabled={!enabled}
                value={days}
                aria-invalid={enabled && Boolean(daysProblem)}
                aria-describedby="bin-days-help"
                onChange={(e) => setDays(e.target.value)}
              />
              <p id="bin-days-help" className="hint">
                A change applies to items already in the bin: older ones are deleted within minutes.
              </p>
            </div>
            <p>
              In the bin now: {formatBytes(settings.sizeBytes)}. {settings.enabled ? `On since ${formatDate(settings.enableTime)}.` : 'The bin is off.'}
            </p>
          </fieldset>
          {canChange && (
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          )}
        </form>
      )}
      {settings && (
        <RetentionLockForm
          key={`${settings.enabled}/${settings.reservedDays}`}
          driveId={driveId}
          isAdmin={me.isAdmin}
          binEnabled={settings.enabled}
          reservedDays={settings.reservedDays}
        />
      )}
      {confirmOff && (
        <ConfirmDialog title="Turn the recycle bin off?" confirmLabel="Turn off and empty" busy={busy} onConfirm={save} onCancel={() => setConfirmOff(false)}>
          <p>
            Turning the bin off deletes everything in it for good, and later deletions cannot be undone. <strong>This cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
