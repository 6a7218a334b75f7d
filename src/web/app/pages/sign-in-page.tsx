import { type FormEvent, useEffect, useState } from 'react';
import { jobsApi } from '../api/jobs.js';
import type { SessionUser } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { describeError } from '../lib/errors.js';
import { useBusy } from '../lib/use-busy.js';

/** Sign-in: GET /csrf for the double-submit cookie, then POST /v1/auth/login. */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, run] = useBusy();

  useEffect(() => {
    void jobsApi.csrf().catch(() => undefined);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setError(undefined);
      try {
        await jobsApi.csrf();
        const { user } = await jobsApi.login(username, password);
        onSignedIn(user);
      } catch (err) {
        setError(describeError(err).replace('Your session has ended. Please sign in again. ', ''));
      }
    });
  };

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Salvage</h1>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label htmlFor="username">User name</label>
        <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <div id="sign-in-error">
        <Notice error={error} />
      </div>
    </main>
  );
}
