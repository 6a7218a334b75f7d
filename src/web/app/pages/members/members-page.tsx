import { useCallback, useEffect, useState } from 'react';
import { membersApi } from '../../api/members.js';
import type { PdsMember, SessionUser } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Notice } from '../../components/notice.js';
import { describeError } from '../../lib/errors.js';
import { mayManage, roleInWords } from '../../lib/roles.js';
import { hrefOf } from '../../lib/route.js';
import { useBusy } from '../../lib/use-busy.js';
import { useDrive } from '../../lib/use-drive.js';
import { AddMemberForm } from './add-member-form.js';
import { MembersTable } from './members-table.js';
import { Skeleton } from '../../components/skeleton.js';

/**
 * Who may use a drive. The owner and admins add members, change their role and remove
 * them; a member sees the list and may leave the drive.
 */
export function MembersPage({ driveId, me }: { driveId: string; me: SessionUser }) {
  const { drive, error: driveError } = useDrive(driveId);
  const [members, setMembers] = useState<PdsMember[]>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [removing, setRemoving] = useState<PdsMember>();
  const [busy, run] = useBusy();

  const load = useCallback(async () => {
    try {
      setMembers((await membersApi.list(driveId)).items);
    } catch (err) {
      setError(describeError(err));
    }
  }, [driveId]);
  useEffect(() => {
    void load();
  }, [load]);

  const say = (text: string) => {
    setError(undefined);
    setMessage(text);
  };
  const fail = (text: string | undefined) => {
    setMessage(undefined);
    setError(text);
  };

  const manage = mayManage(drive?.role);
  const name = drive?.drive_name ?? 'this drive';
  const mine = members?.find((m) => m.user_id === me.id);

  const changeRole = (m: PdsMember, role: 'viewer' | 'editor') =>
    void run(async () => {
      try {
        await membersApi.add(driveId, m.user_id, role);
        say(`${m.user_name} is now ${roleInWords(role)}.`);
      } catch (err) {
        fail(describeError(err));
      }
      await load();
    });

  const remove = (m: PdsMember) =>
    void run(async () => {
      const leaving = m.user_id === me.id;
      try {
        await membersApi.remove(driveId, m.user_id);
        setRemoving(undefined);
        // Leaving takes the drive away: nothing is left to show here.
        if (leaving && !manage) {
          window.location.hash = hrefOf({ page: 'drives' });
          return;
        }
        say(`${m.user_name} is no longer a member of ${name}.`);
      } catch (err) {
        setRemoving(undefined);
        fail(describeError(err));
      }
      await load();
    });

  return (
    <>
      <h1>Members{drive ? ` of ${drive.drive_name}` : ''}</h1>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href={hrefOf({ page: 'files', driveId, folderId: 'root' })}>{drive?.drive_name ?? 'Drive'}</a>
          </li>
          <li>
            <span aria-current="page">Members</span>
          </li>
        </ol>
      </nav>
      <Notice error={error ?? driveError} onDismiss={error ? () => setError(undefined) : undefined} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      {drive && (
        <p className="hint">
          {manage
            ? 'Viewers browse, search and download, and see the recycle bin. Editors also upload, make folders, rename, move, trash and restore. Only the owner and admins delete permanently, empty the bin, change its settings and choose the members.'
            : `You are ${roleInWords(drive.role)} on this drive. Only its owner or an admin can add members or change their roles.`}
        </p>
      )}
      {!members && !error && <Skeleton label="Loading the members" />}
      {members && <MembersTable members={members} meId={me.id} manage={manage} busy={busy} onRole={changeRole} onRemove={setRemoving} />}
      {members && members.length === 1 && <p className="empty">This drive is shared with nobody yet.</p>}
      {drive && !manage && mine && (
        <p>
          <button type="button" className="danger" disabled={busy} onClick={() => setRemoving(mine)}>
            Leave this drive
          </button>
        </p>
      )}
      {manage && members && (
        <AddMemberForm
          driveId={driveId}
          isAdmin={me.isAdmin}
          members={members}
          onAdded={(m) => {
            say(`Added ${m.user_name} as ${roleInWords(m.role)}.`);
            void load();
          }}
          onError={fail}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={removing.user_id === me.id ? `Leave ${name}?` : `Remove ${removing.user_name} from ${name}?`}
          confirmLabel={removing.user_id === me.id ? 'Leave drive' : 'Remove member'}
          busy={busy}
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(undefined)}
        >
          <p>
            {removing.user_id === me.id ? 'You' : removing.user_name} will no longer see this drive or anything in it. Nothing in the drive is deleted; only its
            owner or an admin can add {removing.user_id === me.id ? 'you' : 'them'} again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
