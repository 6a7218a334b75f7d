import { useEffect, useState } from 'react';
import { pds } from '../api/pds.js';
import type { PdsDrive } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { SpaceBar } from '../components/space-bar.js';
import { describeError } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import { ROLE_LABELS } from '../lib/roles.js';
import { hrefOf } from '../lib/route.js';

/** Every drive the user may see (their own and those shared with them), with their role, its space as a bar and the ways into it. */
export function DrivesPage() {
  const [drives, setDrives] = useState<PdsDrive[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    pds.listDrives().then(
      (page) => setDrives(page.items),
      (err) => setError(describeError(err)),
    );
  }, []);
  return (
    <>
      <h1>Drives</h1>
      <Notice error={error} />
      {drives && drives.length === 0 && <p>You have no drives yet.</p>}
      {drives && drives.length > 0 && (
        <table className="list">
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
                <td>{ROLE_LABELS[d.role]}</td>
                <td>
                  <SpaceBar used={d.used_size} total={d.total_size} name={d.drive_name} />
                </td>
                <td>{formatDate(d.created_at)}</td>
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
      )}
    </>
  );
}
