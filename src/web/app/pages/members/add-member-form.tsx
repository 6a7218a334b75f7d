import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../api/http.js';
import { type MemberRole, membersApi } from '../../api/members.js';
import type { PdsMember, PdsUser } from '../../api/types.js';
import { usersApi } from '../../api/users.js';
import { describeError } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/** Reads every user for an admin's picker, 100 a page (a team has few; 20 pages is plenty). */
async function allUsers(): Promise<PdsUser[]> {
  const users: PdsUser[] = [];
  let marker = '';
  for (let page = 0; page < 20; page++) {
    const answer = await usersApi.list(marker, 100);
    users.push(...answer.items);
    marker = answer.next_marker;
    if (!marker) break;
  }
  return users.sort((a, b) => a.user_name.localeCompare(b.user_name));
}

/**
 * Shares the drive with a user. Admins pick from every user; anyone else cannot list users
 * (the server answers /v2/user/list with themself only) and names the user by id, which
 * each user sees on their Profile page.
 */
export function AddMemberForm({ driveId, isAdmin, members, onAdded, onError }: {
  driveId: string;
  isAdmin: boolean;
  members: PdsMember[];
  onAdded: (member: PdsMember) => void;
  onError: (message: string | undefined) => void;
}) {
  const [users, setUsers] = useState<PdsUser[]>();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>('viewer');
  const [busy, run] = useBusy();

  useEffect(() => {
    if (isAdmin) allUsers().then(setUsers, (err) => onError(`Could not list the users. ${describeError(err)}`));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isAdmin]);

  // Members already on the drive (and its owner) are changed in the table, not added again.
  const taken = new Set(members.map((m) => m.user_id));
  const choices = users?.filter((u) => !taken.has(u.user_id)) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = userId.trim();
    if (!id) return onError(isAdmin ? 'Choose a user to add.' : 'Enter the user id of the person to add.');
    if (taken.has(id)) return onError('That user is on this drive already; change their role in the list.');
    void run(async () => {
      try {
        const member = await membersApi.add(driveId, id, role);
        setUserId('');
        onAdded(member);
      } catch (err) {
        // A user name typed where the id goes: say what to ask for.
        if (err instanceof ApiError && err.code === 'NotFound.User' && !isAdmin) {
          onError(`No user has the id "${id}". Ask them for the user id shown on their Profile page (a user name is not an id).`);
        } else onError(describeError(err));
      }
    });
  };

  return (
    <form className="create-user add-member" onSubmit={submit} aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
      <div className="fields">
        {isAdmin ? (
          <div className="field">
            <label htmlFor="member-user">User</label>
            <select id="member-user" value={userId} onChange={(e) => setUserId(e.target.value)} disabled={!users}>
              <option value="">{users ? 'Choose a user' : 'Loading users…'}</option>
              {choices.map((u) => (
                <option key={u.user_id} value={u.user_id}>
                  {u.user_name}
                  {u.nick_name ? ` (${u.nick_name})` : ''}
                  {u.status === 'disabled' ? ' – disabled' : ''}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="member-user">User id</label>
            <input id="member-user" autoComplete="off" spellCheck={false} value={userId} onChange={(e) => setUserId(e.target.value)} aria-describedby="member-user-help" />
            <span id="member-user-help" className="hint">
              Only admins can list users, so a user name cannot be looked up: ask the person for their user id (it starts with{' '}
              <code>u-</code> and is on their Profile page).
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor="member-role">Role</label>
          <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)} aria-describedby="member-role-help">
            <option value="viewer">Viewer</option>
            <option value="editor">Editor</option>
          </select>
          <span id="member-role-help" className="hint">
            Viewers browse and download; editors also upload, rename, move, trash and restore.
          </span>
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add member'}
      </button>
    </form>
  );
}
