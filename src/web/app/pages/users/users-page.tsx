import { useEffect, useRef, useState } from 'react';
import type { PdsUser, SessionUser } from '../../api/types.js';
import { usersApi } from '../../api/users.js';
import { AccessKeys } from '../../components/access-keys.js';
import { Notice } from '../../components/notice.js';
import { Pager } from '../../components/pager.js';
import { describeError } from '../../lib/errors.js';
import { hrefOf } from '../../lib/route.js';
import { useBusy } from '../../lib/use-busy.js';
import { useMarkerPages } from '../../lib/use-marker-pages.js';
import { CreateUserForm } from './create-user-form.js';
import { DeleteUserDialog } from './delete-user-dialog.js';
import { ResetPasswordDialog } from './reset-password-dialog.js';
import { UsersTable } from './users-table.js';
import { Skeleton } from '../../components/skeleton.js';

/** Admins only: every user, 50 a page, and what an admin does to them (issue 12). */
export function UsersPage({ me }: { me: SessionUser }) {
  if (!me.isAdmin) {
    // The server refuses anyway (403); say so before asking.
    return (
      <>
        <h1>Users</h1>
        <Notice error="Only admins can manage users." />
        <p>
          You can change your nick name, your password and your access keys on <a href={hrefOf({ page: 'profile' })}>your profile</a>.
        </p>
      </>
    );
  }
  return <AdminUsers me={me} />;
}

function AdminUsers({ me }: { me: SessionUser }) {
  const list = useMarkerPages((marker) => usersApi.list(marker), []);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [keysOf, setKeysOf] = useState<PdsUser>();
  const [resetting, setResetting] = useState<PdsUser>();
  const [deleting, setDeleting] = useState<PdsUser>();
  const [busy, run] = useBusy();
  const keysHeading = useRef<HTMLHeadingElement>(null);

  // Opening a user's keys moves focus there, so a keyboard user lands where the keys are.
  useEffect(() => {
    if (keysOf) keysHeading.current?.focus();
  }, [keysOf]);

  // Closing puts focus back on the button that opened the keys.
  const closeKeys = () => {
    const opener = keysOf && document.querySelector<HTMLButtonElement>(`button[data-keys-of="${keysOf.user_id}"]`);
    setKeysOf(undefined);
    opener?.focus();
  };

  const say = (text: string) => {
    setError(undefined);
    setMessage(text);
  };
  const fail = (text: string) => {
    setMessage(undefined);
    setError(text);
  };

  const toggle = (user: PdsUser) =>
    void run(async () => {
      const status = user.status === 'enabled' ? 'disabled' : 'enabled';
      try {
        await usersApi.setStatus(user.user_id, status);
        say(
          status === 'disabled'
            ? `${user.user_name} is disabled: signed out everywhere, and their access keys are refused until enabled again.`
            : `${user.user_name} is enabled and can sign in again.`,
        );
      } catch (err) {
        fail(describeError(err));
      }
      await list.reload();
    });

  return (
    <>
      <h1>Users</h1>
      <Notice error={error ?? list.error} onDismiss={error ? () => setError(undefined) : undefined} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      <CreateUserForm
        onStart={() => {
          setError(undefined);
          setMessage(undefined);
        }}
        onCreated={(u) => {
          say(`Created ${u.user_name}${u.default_drive_id ? ', with a drive of their own' : ''}.`);
          void list.reload();
        }}
        onError={fail}
      />
      <h2>All users</h2>
      {!list.loaded && !list.error && <Skeleton label="Loading the users" rows={5} />}
      {list.loaded && list.items.length === 0 && <p className="empty">No users on this page.</p>}
      {list.items.length > 0 && (
        <UsersTable
          users={list.items}
          me={me}
          busy={busy}
          keysOf={keysOf?.user_id}
          actions={{
            onKeys: (u) => setKeysOf((open) => (open?.user_id === u.user_id ? undefined : u)),
            onToggle: toggle,
            onResetPassword: setResetting,
            onDelete: setDeleting,
          }}
        />
      )}
      <Pager label="Users" page={list.pageNumber} hasPrev={list.hasPrev} hasNext={list.hasNext} onPrev={list.prev} onNext={list.next} busy={list.loading} />
      {keysOf && (
        <section id="user-keys" aria-labelledby="user-keys-title" className="panel">
          <div className="panel-head">
            <h2 id="user-keys-title" ref={keysHeading} tabIndex={-1}>
              Access keys of {keysOf.user_name}
            </h2>
            <button type="button" onClick={closeKeys}>
              Close access keys
            </button>
          </div>
          <AccessKeys key={keysOf.user_id} userId={keysOf.user_id} owner={keysOf.user_name} />
        </section>
      )}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onDone={(text) => {
            setResetting(undefined);
            say(text);
          }}
          onCancel={() => setResetting(undefined)}
        />
      )}
      {deleting && (
        <DeleteUserDialog
          user={deleting}
          me={me}
          others={list.items}
          onDone={(text) => {
            if (keysOf?.user_id === deleting.user_id) setKeysOf(undefined);
            setDeleting(undefined);
            say(text);
            void list.reload();
          }}
          onError={(text) => {
            setDeleting(undefined);
            fail(text);
          }}
          onCancel={() => setDeleting(undefined)}
        />
      )}
    </>
  );
}
