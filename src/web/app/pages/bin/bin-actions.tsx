import { useState } from 'react';
import { pds } from '../../api/pds.js';
import type { DriveRole, PdsFile } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { describeError } from '../../lib/errors.js';
import { mayEdit, mayManage } from '../../lib/roles.js';
import { useBusy } from '../../lib/use-busy.js';
import { hrefOf } from '../../lib/route.js';
import { useToast } from '../../components/toast.js';
import { type RestoreOutcome, restoreItems } from './restore-items.js';

type Asking = 'delete' | 'empty' | undefined;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Restore (editors and owners), delete permanently and empty the bin (owners and admins);
 * the two that destroy ask first. A viewer gets none of them.
 */
export function BinActions({ driveId, role, chosen, onRestored, onError, onChanged }: {
  driveId: string;
  role: DriveRole;
  chosen: PdsFile[];
  onRestored: (outcomes: RestoreOutcome[]) => void;
  onError: (m: string) => void;
  onChanged: () => void;
}) {
  const [busy, run] = useBusy();
  const [asking, setAsking] = useState<Asking>();
  const toast = useToast();
  const jobsLink = { label: 'Jobs page', href: hrefOf({ page: 'jobs' }) };

  const restore = () => void run(async () => onRestored(await restoreItems(driveId, chosen)));

  const deleteChosen = () =>
    void run(async () => {
      const failures: string[] = [];
      const jobs: string[] = [];
      for (const f of chosen) {
        try {
          jobs.push((await pds.deleteForever(driveId, f.file_id)).async_task_id);
        } catch (err) {
          failures.push(`${f.name}: ${describeError(err)}`);
        }
      }
      setAsking(undefined);
      if (jobs.length > 0) toast({ message: `Permanent deletion of ${plural(jobs.length, 'item')} started (job ${jobs.join(', ')}). Follow it on the`, link: jobsLink });
      if (failures.length > 0) onError(failures.join(' '));
      onChanged();
    });

  const empty = () =>
    void run(async () => {
      try {
        const { async_task_id } = await pds.clearBin(driveId);
        toast({ message: `Emptying the recycle bin (job ${async_task_id}). Follow it on the`, link: jobsLink });
      } catch (err) {
        onError(describeError(err));
      }
      setAsking(undefined);
      onChanged();
    });

  const none = chosen.length === 0;
  if (!mayEdit(role)) return null;
  return (
    <>
      <button type="button" className="primary" disabled={busy || none} onClick={restore}>
        {busy && !asking ? 'Restoring…' : `Restore${none ? '' : ` ${chosen.length} selected`}`}
      </button>
      {mayManage(role) && (
        <>
          <button type="button" className="danger" disabled={busy || none} onClick={() => setAsking('delete')}>
            Delete permanently
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => setAsking('empty')}>
            Empty recycle bin
          </button>
        </>
      )}
      {asking === 'delete' && (
        <ConfirmDialog
          title={`Delete ${plural(chosen.length, 'item')} permanently?`}
          confirmLabel="Delete permanently"
          busy={busy}
          onConfirm={deleteChosen}
          onCancel={() => setAsking(undefined)}
        >
          <p>
            {chosen.map((f) => f.name).join(', ')} and everything in {chosen.length === 1 ? 'it' : 'them'} will be deleted for good.{' '}
            <strong>This cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      )}
      {asking === 'empty' && (
        <ConfirmDialog title="Empty the recycle bin?" confirmLabel="Empty recycle bin" busy={busy} onConfirm={empty} onCancel={() => setAsking(undefined)}>
          <p>
            Everything in this drive's recycle bin will be deleted for good. <strong>This cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
