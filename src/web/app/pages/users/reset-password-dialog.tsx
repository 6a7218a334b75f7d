import { useState } from 'react';
import type { PdsUser } from '../../api/types.js';
import { usersApi } from '../../api/users.js';
import { FormDialog } from '../../components/form-dialog.js';
import { describeError, passwordProblem } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/** An admin sets another user's password (no old one needed); the problem shows in the dialog. */
export function ResetPasswordDialog({ user, onDone, onCancel }: { user: PdsUser; onDone: (message: string) => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, run] = useBusy();
  const submit = () => {
    const bad = passwordProblem(password);
    if (bad) return setProblem(bad);
    void run(async () => {
      try {
        await usersApi.resetPassword(user.user_id, password);
        onDone(`The password of ${user.user_name} is changed.`);
      } catch (err) {
        setProblem(describeError(err));
      }
    });
  };
  return (
    <FormDialog id="reset-password" title={`Reset the password of ${user.user_name}`} submitLabel="Set password" busy={busy} onSubmit={submit} onCancel={onCancel}>
      <div className="field">
        <label htmlFor="reset-password-value">New password</label>
        <input
          id="reset-password-value"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          aria-invalid={Boolean(problem)}
          aria-describedby="reset-password-help"
          onChange={(e) => setPassword(e.target.value)}
        />
        <span id="reset-password-help" className="hint">
          At least 8 characters. Tell {user.user_name} the new password.
        </span>
      </div>
      {problem && (
        <p role="alert" className="inline-error">
          {problem}
        </p>
      )}
    </FormDialog>
  );
}
