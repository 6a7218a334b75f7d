import { useEffect, useState } from 'react';
import { pds } from '../api/pds.js';
import type { DriveRole } from '../api/types.js';

/**
 * The caller's role on each drive they can see, read once (up to 1,000 drives, 100 a
 * page), for pages that show several drives' things at once, such as the jobs.
 */
export function useDriveRoles(): Map<string, DriveRole> | undefined {
  const [roles, setRoles] = useState<Map<string, DriveRole>>();
  useEffect(() => {
    let live = true;
    (async () => {
      const found = new Map<string, DriveRole>();
      let marker = '';
      for (let page = 0; page < 10; page++) {
        const answer = await pds.listDrives(marker);
        for (const d of answer.items) found.set(d.drive_id, d.role);
        marker = answer.next_marker;
        if (!marker) break;
      }
      if (live) setRoles(found);
    })().catch(() => live && setRoles(new Map()));
    return () => {
      live = false;
    };
  }, []);
  return roles;
}
