import { useEffect, useState } from 'react';
import { pds } from '../../api/pds.js';
import { hrefOf } from '../../lib/route.js';

interface Crumb {
  id: string;
  name: string;
}

/** Walks up from the folder to the root with /v2/file/get (a handful of calls: one per level). */
async function trail(driveId: string, folderId: string): Promise<Crumb[]> {
  const crumbs: Crumb[] = [];
  let id = folderId;
  for (let depth = 0; id && id !== 'root' && depth < 64; depth++) {
    const f = await pds.getFile(driveId, id);
    crumbs.unshift({ id: f.file_id, name: f.name });
    id = f.parent_file_id;
  }
  const drive = await pds.getDrive(driveId);
  return [{ id: 'root', name: drive.drive_name }, ...crumbs];
}

export function Breadcrumbs({ driveId, folderId, onName }: { driveId: string; folderId: string; onName: (name: string) => void }) {
  const [crumbs, setCrumbs] = useState<Crumb[]>([]);
  useEffect(() => {
    trail(driveId, folderId).then(
      (c) => {
        setCrumbs(c);
        onName(c[c.length - 1]?.name ?? '');
      },
      () => setCrumbs([]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [driveId, folderId]);
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.id}>
            {i === crumbs.length - 1 ? (
              <span aria-current="page">{c.name}</span>
            ) : (
              <a href={hrefOf({ page: 'files', driveId, folderId: c.id })}>{c.name}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
