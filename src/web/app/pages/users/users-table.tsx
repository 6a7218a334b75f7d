import type { PdsUser, SessionUser } from '../../api/types.js';
import { formatDate } from '../../lib/format.js';
import { hrefOf } from '../../lib/route.js';

export interface UserActions {
  onKeys: (user: PdsUser) => void;
  onToggle: (user: PdsUser) => void;
  onResetPassword: (user: PdsUser) => void;
  onDelete: (user: PdsUser) => void;
}

/**
 * One page of users. The signed-in admin's own row links to their profile instead: their
 * password needs the old one, and the server refuses deleting oneself.
 */
export function UsersTable({ users, me, busy, keysOf, actions }: { users: PdsUser[]; me: SessionUser; busy: boolean; keysOf?: string; actions: UserActions }) {
  return (
    <table className="list users">
      <caption className="sr-only">Users</caption>
      <thead>
        <tr>
          <th scope="col">User name</th>
          <th scope="col">Nick name</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => {
          const self = u.user_id === me.id;
          const n = u.user_name;
          return (
            <tr key={u.user_id} data-name={n} className={u.status === 'disabled' ? 'disabled' : undefined}>
              <th scope="row">
                {n}
                {self && ' (you)'}
              </th>
              <td>{u.nick_name}</td>
              <td>{u.role === 'admin' ? 'Admin' : 'User'}</td>
              <td>{u.status === 'enabled' ? 'Enabled' : 'Disabled'}</td>
              <td>{formatDate(u.created_at)}</td>
              <td className="actions">
                <button type="button" className="small" aria-expanded={keysOf === u.user_id} aria-controls={keysOf === u.user_id ? 'user-keys' : undefined} aria-label={`Access keys of ${n}`} data-keys-of={u.user_id} onClick={() => actions.onKeys(u)}>
                  Access keys
                </button>
                {self ? (
                  <a href={hrefOf({ page: 'profile' })}>Your profile</a>
                ) : (
                  <>
                    <button type="button" className="small" disabled={busy} aria-label={`${u.status === 'enabled' ? 'Disable' : 'Enable'} ${n}`} onClick={() => actions.onToggle(u)}>
                      {u.status === 'enabled' ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" className="small" disabled={busy} aria-label={`Reset password of ${n}`} onClick={() => actions.onResetPassword(u)}>
                      Reset password
                    </button>
                    <button type="button" className="small danger" disabled={busy} aria-label={`Delete ${n}`} onClick={() => actions.onDelete(u)}>
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
