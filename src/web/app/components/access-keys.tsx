import { useCallback, useEffect, useState } from 'react';
import type { PdsAccessKey, PdsNewAccessKey } from '../api/types.js';
import { usersApi } from '../api/users.js';
import { describeError } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import { useBusy } from '../lib/use-busy.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { NewSecret } from './new-secret.js';
import { Notice } from './notice.js';

/**
 * One user's access keys for the NAS dialect: create (the secret shown once), list with
 * created / last used / status, disable or enable, delete. The Users page shows it for any
 * user, the Profile page for oneself; the server checks who may.
 */
export function AccessKeys({ userId, owner }: { userId: string; /** The user's name; absent for one's own keys. */ owner?: string }) {
  const [keys, setKeys] = useState<PdsAccessKey[]>();
  const [fresh, setFresh] = useState<PdsNewAccessKey>();
  const [deleting, setDeleting] = useState<PdsAccessKey>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, run] = useBusy();

  const load = useCallback(async () => {
    try {
      setKeys((await usersApi.listKeys(userId)).items);
    } catch (err) {
      setError(describeError(err));
    }
  }, [userId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = (action: () => Promise<string>) =>
    void run(async () => {
      try {
        const done = await action();
        setError(undefined);
        setMessage(done || undefined);
      } catch (err) {
        setMessage(undefined);
        setError(describeError(err));
      }
      await load();
    });

  const create = () =>
    act(async () => {
      const key = await usersApi.createKey(userId);
      setFresh(key);
      // The new key's own box says it all.
      return '';
    });

  const toggle = (key: PdsAccessKey) =>
    act(async () => {
      const status = key.status === 'enabled' ? 'disabled' : 'enabled';
      await usersApi.setKeyStatus(key.access_key_id, status);
      return status === 'disabled' ? `Access key ${key.access_key_id} is disabled: requests signed with it are refused.` : `Access key ${key.access_key_id} is enabled.`;
    });

  const remove = (key: PdsAccessKey) =>
    act(async () => {
      try {
        await usersApi.removeKey(key.access_key_id);
        if (fresh?.access_key_id === key.access_key_id) setFresh(undefined);
        return `Deleted access key ${key.access_key_id}.`;
      } finally {
        setDeleting(undefined);
      }
    });

  return (
    <div className="access-keys">
      <p className="hint">Access keys sign requests to the NAS API. A disabled or deleted key is refused at once.</p>
      <Notice error={error} onDismiss={() => setError(undefined)} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      {fresh && <NewSecret key={fresh.access_key_id} accessKey={fresh} onDone={() => setFresh(undefined)} />}
      <button type="button" onClick={create} disabled={busy}>
        Create access key
      </button>
      {keys && keys.length === 0 && <p className="empty">{owner ? `${owner} has` : 'You have'} no access keys.</p>}
      {keys && keys.length > 0 && (
        <table className="list keys">
          <caption className="sr-only">{owner ? `Access keys of ${owner}` : 'Your access keys'}</caption>
          <thead>
            <tr>
              <th scope="col">Access key ID</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.access_key_id} data-key={k.access_key_id}>
                <th scope="row">
                  <code>{k.access_key_id}</code>
                </th>
                <td>{formatDate(k.created_at)}</td>
                <td>{k.last_used_at === null ? 'Never' : formatDate(k.last_used_at)}</td>
                <td>{k.status === 'enabled' ? 'Enabled' : 'Disabled'}</td>
                <td className="actions">
                  <button type="button" className="small" disabled={busy} onClick={() => toggle(k)} aria-label={`${k.status === 'enabled' ? 'Disable' : 'Enable'} key ${k.access_key_id}`}>
                    {k.status === 'enabled' ? 'Disable' : 'Enable'}
                  </button>
                  <button type="button" className="small danger" disabled={busy} onClick={() => setDeleting(k)} aria-label={`Delete key ${k.access_key_id}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete access key ${deleting.access_key_id}?`}
          confirmLabel="Delete key"
          busy={busy}
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>
            Programs that sign with this key are refused from now on. <strong>This cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
