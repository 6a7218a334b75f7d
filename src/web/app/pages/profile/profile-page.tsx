import { useEffect, useState } from 'react';
import type { PdsUser, SessionUser } from '../../api/types.js';
import { usersApi } from '../../api/users.js';
import { AccessKeys } from '../../components/access-keys.js';
import { Notice } from '../../components/notice.js';
import { describeError } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { NickNameForm } from './nick-name-form.js';
import { PasswordForm } from './password-form.js';

/** The signed-in user's own page: who they are, their nick name, password and access keys. */
export function ProfilePage({ me }: { me: SessionUser }) {
  const [user, setUser] = useState<PdsUser>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    usersApi.get(me.id).then(setUser, (err) => setError(describeError(err)));
  }, [me.id]);
  return (
    <>
      <h1>Your profile</h1>
      <Notice error={error} />
      {user && (
        <>
          <dl className="facts">
            <dt>User name</dt>
            <dd>{user.user_name}</dd>
            {/* Drive owners who are no admin cannot look users up: they share a drive by this id. */}
            <dt>User id</dt>
            <dd>
              <code>{user.user_id}</code>
            </dd>
            <dt>Role</dt>
            <dd>{user.role === 'admin' ? 'Admin' : 'User'}</dd>
            <dt>Created</dt>
            <dd>{formatDate(user.created_at)}</dd>
          </dl>
          <NickNameForm user={user} onSaved={setUser} />
          <PasswordForm userId={user.user_id} />
          <section aria-labelledby="own-keys-title">
            <h2 id="own-keys-title">Your access keys</h2>
            <AccessKeys userId={user.user_id} />
          </section>
        </>
      )}
    </>
  );
}
