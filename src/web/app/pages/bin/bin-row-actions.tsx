import { useState } from 'react';
import { pds } from '../../api/pds.js';
import type { DriveRole, PdsFile } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useToast } from '../../components/toast.js';
import { describeError } from '../../lib/errors.js';
import { mayEdit, mayManage } from '../../lib/roles.js';
import { hrefOf } from '../../lib/route.js';
import { useBusy } from '../../lib/use-busy.js';
import { type RestoreOutcome, restoreItems } from './restore-items.js';

/**
 * One bin item's own buttons: Restore (editors and owners) and Delete forever (the owner and
 * admins, after a dialog that starts on Cancel), as the bulk buttons do for a selection.
 */
export function BinRowActions({ driveId, file, role, onRestored, onChanged, onError }: {
  driveId: string;
  file: PdsFile;
  role: DriveRole | undefined;
  onRestored: (outcomes: RestoreOutcome[]) => void;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const [busy, run] = useBusy();
  const [asking, setAsking] = useState(false);
  const toast = useToast();
  if (!mayEdit(role)) return null;

  const restore = () => void run(async () => onRestored(await restoreItems(driveId, [file])));
  const remove = () =>
    void run(async () => {
      try {
        const { async_task_id } = await pds.deleteForever(driveId, file.file_id);
        toast({ message: `Deleting ${file.name} for good (job ${async_task_id}). Follow it on the`, link: { label: 'Jobs page', href: hrefOf({ page: 'jobs' }) } });
      } catch (err) {
        onError(`Could not delete ${file.name}. ${describeError(err)}`);
      }
      setAsking(false);
      onChanged();
    });

  return (
    <>
      <button type="button" className="small" disabled={busy} onClick={restore} aria-label={`Restore ${file.name}`}>
        {busy && !asking ? 'Restoring…' : 'Restore'}
      </button>
      {mayManage(role) && (
        <button type="button" className="small danger" disabled={busy} onClick={() => setAsking(true)} aria-label={`Delete forever: ${file.name}`}>
          Delete forever
        </button>
      )}
      {asking && (
        <ConfirmDialog title={`Delete ${file.name} permanently?`} confirmLabel="Delete permanently" busy={busy} onConfirm={remove} onCancel={() => setAsking(false)}>
          <p>
            {file.name}
            {file.type === 'folder' ? ' and everything in it' : ''} will be deleted for good. <strong>This cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
