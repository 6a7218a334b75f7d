import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/http.js';
import { usersApi } from '../../api/users.js';
import { Notice } from '../../components/notice.js';
import { describeError, passwordProblem } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/** The server refuses a wrong current password as InvalidParameter naming old_password. */
const wrongCurrent = (err: unknown): boolean => err instanceof ApiError && err.code === 'InvalidParameter' && err.message.includes('old_password');

/**
 * One's own password: the current one proves it is you (the server checks it), the new one
 * is typed twice. Sessions already signed in stay signed in.
 */
export function PasswordForm({ userId }: { userId: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, run] = useBusy();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(undefined);
    const problem = passwordProblem(next) ?? (next === again ? undefined : 'The two new passwords differ.');
    if (problem) return setError(problem);
    void run(async () => {
      try {
        await usersApi.changeOwnPassword(userId, current, next);
        setCurrent('');
        setNext('');
        setAgain('');
        setError(undefined);
        setMessage('Your password is changed. Use the new one next time you sign in.');
      } catch (err) {
        setError(wrongCurrent(err) ? 'The current password is wrong. Nothing was changed.' : describeError(err));
      }
    });
  };
  return (
    <form className="profile-form" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <div className="field">
        <label htmlFor="profile-current-password">Current password</label>
        <input id="profile-current-password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="profile-new-password">New password</label>
        <input
          id="profile-new-password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="profile-new-password-help"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <span id="profile-new-password-help" className="hint">
          At least 8 characters.
        </span>
      </div>
      <div className="field">
        <label htmlFor="profile-repeat-password">Repeat the new password</label>
        <input id="profile-repeat-password" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
      </div>
      <Notice error={error} onDismiss={() => setError(undefined)} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      <button type="submit" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
