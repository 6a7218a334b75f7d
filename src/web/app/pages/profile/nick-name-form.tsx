import { type FormEvent, useState } from 'react';
import type { PdsUser } from '../../api/types.js';
import { usersApi } from '../../api/users.js';
import { Notice } from '../../components/notice.js';
import { describeError } from '../../lib/errors.js';
import { useBusy } from '../../lib/use-busy.js';

/** One's own nick name (at most 128 characters; empty clears it). */
export function NickNameForm({ user, onSaved }: { user: PdsUser; onSaved: (user: PdsUser) => void }) {
  const [nickName, setNickName] = useState(user.nick_name);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, run] = useBusy();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      try {
        const saved = await usersApi.setNickName(user.user_id, nickName);
        setError(undefined);
        setMessage(saved.nick_name ? `Your nick name is now ${saved.nick_name}.` : 'Your nick name is cleared.');
        onSaved(saved);
      } catch (err) {
        setMessage(undefined);
        setError(describeError(err));
      }
    });
  };
  return (
    <form className="profile-form" onSubmit={submit} aria-labelledby="nick-title">
      <h2 id="nick-title">Nick name</h2>
      <div className="field">
        <label htmlFor="profile-nick">Nick name</label>
        <input id="profile-nick" maxLength={128} autoComplete="nickname" value={nickName} onChange={(e) => setNickName(e.target.value)} />
      </div>
      <Notice error={error} onDismiss={() => setError(undefined)} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      <button type="submit" disabled={busy}>
        Save nick name
      </button>
    </form>
  );
}
