import { useEffect, useState } from 'react';
import { pds } from '../../api/pds.js';
import type { PdsFile } from '../../api/types.js';
import { hrefOf } from '../../lib/route.js';

/**
 * The trashed folders from the bin item down to the one shown: walks up with /v2/file/get
 * (one call a level) until the bin item itself, the one that carries its original path.
 */
async function trail(driveId: string, folderId: string): Promise<PdsFile[]> {
  const chain: PdsFile[] = [];
  let id = folderId;
  for (let depth = 0; id && id !== 'root' && depth < 64; depth++) {
    const f = await pds.getFile(driveId, id);
    chain.unshift(f);
    if (f.original_path !== undefined) break;
    id = f.parent_file_id;
  }
  return chain;
}

/** Drive › Recycle bin › every trashed folder on the way down › this one. */
export function BinBreadcrumbs({ driveId, driveName, folderId, onFolder }: {
  driveId: string;
  driveName: string;
  folderId?: string;
  onFolder: (f: PdsFile | undefined) => void;
}) {
  const [chain, setChain] = useState<PdsFile[]>([]);
  useEffect(() => {
    if (!folderId) return;
    trail(driveId, folderId).then(
      (c) => {
        setChain(c);
        onFolder(c[c.length - 1]);
      },
      () => setChain([]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [driveId, folderId]);
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        <li>
          <a href={hrefOf({ page: 'files', driveId, folderId: 'root' })}>{driveName || 'Drive'}</a>
        </li>
        <li>{folderId ? <a href={hrefOf({ page: 'bin', driveId })}>Recycle bin</a> : <span aria-current="page">Recycle bin</span>}</li>
        {folderId &&
          chain.map((f, i) => (
            <li key={f.file_id}>
              {i === chain.length - 1 ? (
                <span aria-current="page">{f.name}</span>
              ) : (
                <a href={hrefOf({ page: 'bin', driveId, folderId: f.file_id })}>{f.name}</a>
              )}
            </li>
          ))}
      </ol>
    </nav>
  );
}
