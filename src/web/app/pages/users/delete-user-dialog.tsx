import { useState } from 'react';
import type { PdsUser, SessionUser } from '../../api/types.js';
import { usersApi } from '../../api/users.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { describeError } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/**
 * Deleting a user asks what becomes of their drives (every user has at least their
 * default one, and the server refuses to leave drives without an owner): hand them to
 * another user (the signed-in admin by default) or delete them with everything in them.
 */
export function DeleteUserDialog({ user, me, others, onDone, onError, onCancel }: {
  user: PdsUser;
  me: SessionUser;
  /** Users on the page, who could take the drives over. */
  others: PdsUser[];
  onDone: (message: string) => void;
  onError: (message: string) => void;
  onCancel: () => void;
}) {
  const [policy, setPolicy] = useState<'transfer' | 'delete'>('transfer');
  const [heir, setHeir] = useState(me.id);
  const [busy, run] = useBusy();
  const heirs = [{ id: me.id, label: `${me.name} (you)` }].concat(
    others.filter((u) => u.user_id !== user.user_id && u.user_id !== me.id && u.status === 'enabled').map((u) => ({ id: u.user_id, label: u.user_name })),
  );
  const heirName = heirs.find((h) => h.id === heir)?.label ?? '';

  const confirm = () =>
    void run(async () => {
      try {
        await usersApi.remove(user.user_id, policy === 'delete' ? { drive_policy: 'delete' } : { drive_policy: 'transfer', transfer_to_user_id: heir });
        onDone(policy === 'delete' ? `Deleted ${user.user_name} and their drives.` : `Deleted ${user.user_name}; their drives now belong to ${heirName}.`);
      } catch (err) {
        onError(describeError(err));
      }
    });

  return (
    <ConfirmDialog title={`Delete the user ${user.user_name}?`} confirmLabel="Delete user" busy={busy} onConfirm={confirm} onCancel={onCancel}>
      <p>
        {user.user_name} is signed out at once and their access keys stop working. <strong>This cannot be undone.</strong>
      </p>
      <fieldset className="choices">
        <legend>Their drives</legend>
        <div className="field-row">
          <input id="drives-transfer" type="radio" name="drive-policy" checked={policy === 'transfer'} onChange={() => setPolicy('transfer')} />
          <label htmlFor="drives-transfer">Give them to</label>
          <label htmlFor="drives-heir" className="sr-only">
            New owner of the drives
          </label>
          <select id="drives-heir" value={heir} disabled={policy !== 'transfer'} onChange={(e) => setHeir(e.target.value)}>
            {heirs.map((h) => (
              <option key={h.id} value={h.id}>
                {h.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <input id="drives-delete" type="radio" name="drive-policy" checked={policy === 'delete'} onChange={() => setPolicy('delete')} />
          <label htmlFor="drives-delete">Delete them and everything in them, recycle bins included</label>
        </div>
      </fieldset>
    </ConfirmDialog>
  );
}
