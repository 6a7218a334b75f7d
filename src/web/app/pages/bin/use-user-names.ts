import { useEffect, useState } from 'react';
import { jobsApi } from '../../api/jobs.js';
import type { SessionUser } from '../../api/types.js';

/** PDS reports who trashed an item by user id; this names them (GET /v1/users). */
export function useUserNames(me: SessionUser): (id: string | undefined) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map([[me.id, me.name]]));
  useEffect(() => {
    jobsApi.users().then(
      ({ users }) => setNames(new Map(users.map((u) => [u.id, u.name]))),
      () => undefined,
    );
  }, []);
  return (id) => (id ? (names.get(id) ?? id) : '—');
}
