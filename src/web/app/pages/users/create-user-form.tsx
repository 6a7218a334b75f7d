import { type FormEvent, useState } from 'react';
import type { PdsUser } from '../../api/types.js';
import { type Role, usersApi } from '../../api/users.js';
import { describeError, passwordProblem, userNameProblem } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/** "Create a user": name, nick name, role and a first password; the server adds their default drive. */
export function CreateUserForm({ onStart, onCreated, onError }: {
  /** A new attempt: an earlier outcome no longer applies. */
  onStart: () => void;
  onCreated: (user: PdsUser) => void;
  onError: (message: string) => void;
}) {
  const [name, setName] = useState('');
  const [nickName, setNickName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [busy, run] = useBusy();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onStart();
    const problem = userNameProblem(name) ?? (password ? passwordProblem(password) : undefined);
    if (problem) return onError(problem);
    void run(async () => {
      try {
        const user = await usersApi.create({ user_name: name, role, ...(nickName && { nick_name: nickName }), ...(password && { password }) });
        setName('');
        setNickName('');
        setPassword('');
        setRole('user');
        onCreated(user);
      } catch (err) {
        onError(describeError(err));
      }
    });
  };

  return (
    <form className="create-user" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create a user</h2>
      <div className="fields">
        <div className="field">
          <label htmlFor="new-user-name">User name</label>
          <input id="new-user-name" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} aria-describedby="new-user-name-help" />
          <span id="new-user-name-help" className="hint">
            What they sign in with: letters, digits, <code>. _ @ -</code>
          </span>
        </div>
        <div className="field">
          <label htmlFor="new-user-nick">Nick name (optional)</label>
          <input id="new-user-nick" autoComplete="off" value={nickName} onChange={(e) => setNickName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-user-password">Password</label>
          <input
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="new-user-password-help"
          />
          <span id="new-user-password-help" className="hint">
            At least 8 characters. Without one they cannot sign in until you set one.
          </span>
        </div>
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="user">User</option>
            <option value="admin">Admin</option>
          </select>
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create user'}
      </button>
    </form>
  );
}
