import { useCallback, useEffect, useState } from 'react';
import { pds } from '../../api/pds.js';
import type { PdsDrive, SessionUser } from '../../api/types.js';
import { Notice } from '../../components/notice.js';
import { Skeleton } from '../../components/skeleton.js';
import { SpaceBar } from '../../components/space-bar.js';
import { describeError } from '../../lib/errors.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ROLE_LABELS } from '../../lib/roles.js';
import { hrefOf } from '../../lib/route.js';
import { NewDriveDialog } from './new-drive-dialog.js';

/**
 * Every drive the user may see (their own and those shared with them), with their role,
 * its space as a bar and the ways into it. With none, the page says how to make one: the
 * first screen of a new user is never a dead end.
 */
export function DrivesPage({ me }: { me: SessionUser }) {
  const [drives, setDrives] = useState<PdsDrive[]>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    pds.listDrives().then(
      (page) => setDrives(page.items),
      (err) => setError(describeError(err)),
    );
  }, []);
  useEffect(load, [load]);

  const newDrive = (
    <button type="button" className="primary" onClick={() => setCreating(true)}>
      New drive
    </button>
  );
  return (
    <>
      <h1>Drives</h1>
      <Notice error={error} />
      {!drives && !error && <Skeleton label="Loading drives" />}
      {drives && drives.length === 0 && (
        <div className="empty-state">
          <p>
            <strong>You have no drives yet.</strong> A drive holds your files and folders, with a recycle bin that keeps what you delete for a while.
          </p>
          <p>{me.isAdmin ? 'Make one, for yourself or for another user, and give it a quota.' : 'Make your first drive, or ask a drive\'s owner to share theirs with you (they need your user id, on your Profile).'}</p>
          {newDrive}
        </div>
      )}
      {drives && drives.length > 0 && (
        <>
          <div className="toolbar">{newDrive}</div>
          <table className="list drives">
            <caption className="sr-only">Your drives</caption>
            <thead>
              <tr>
                <th scope="col">Drive</th>
                <th scope="col">Your role</th>
                <th scope="col">Space</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {drives.map((d) => (
                <tr key={d.drive_id} data-name={d.drive_name}>
                  <th scope="row">
                    <a href={hrefOf({ page: 'files', driveId: d.drive_id, folderId: 'root' })}>{d.drive_name}</a>
                  </th>
                  <td data-label="Your role">{ROLE_LABELS[d.role]}</td>
                  <td data-label="Space">
                    <SpaceBar used={d.used_size} total={d.total_size} name={d.drive_name} />
                  </td>
                  <td data-label="Created">
                    <RelativeTime at={d.created_at} />
                  </td>
                  <td className="actions">
                    <a href={hrefOf({ page: 'bin', driveId: d.drive_id })} aria-label={`Recycle bin of ${d.drive_name}`}>
                      Recycle bin
                    </a>
                    <a href={hrefOf({ page: 'settings', driveId: d.drive_id })} aria-label={`Recycle bin settings of ${d.drive_name}`}>
                      Settings
                    </a>
                    <a href={hrefOf({ page: 'members', driveId: d.drive_id })} aria-label={`Members of ${d.drive_name}`}>
                      Members
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {creating && (
        <NewDriveDialog
          me={me}
          onCancel={() => setCreating(false)}
          onCreated={(driveId) => {
            setCreating(false);
            // Straight into the new drive: the next thing is to put files in it.
            window.location.hash = hrefOf({ page: 'files', driveId, folderId: 'root' });
          }}
        />
      )}
    </>
  );
}
