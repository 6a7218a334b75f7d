import { useState } from 'react';
import { pds } from '../../api/pds.js';
import type { PdsFile } from '../../api/types.js';
import { Pager } from '../../components/pager.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatBytes } from '../../lib/format.js';
import { useBusy } from '../../lib/use-busy.js';
import { useMarkerPages } from '../../lib/use-marker-pages.js';
import { quoted } from '../bin/bin-query.js';
import { restoreItems } from '../bin/restore-items.js';

/**
 * "Deleted from here" (issue 14 item 2, as Dropbox shows it): the bin items whose original
 * parent is this folder, newest deleted first, from the bin's search on the server. Editors
 * and owners restore them one by one; viewers see them only.
 */
export function DeletedHere({ driveId, folderId, canEdit, onRestored, onError }: {
  driveId: string;
  folderId: string;
  canEdit: boolean;
  onRestored: (message: string) => void;
  onError: (message: string) => void;
}) {
  const search = { query: `original_parent_file_id = ${quoted(folderId)}`, orderBy: 'trashed_at DESC' };
  const pages = useMarkerPages<PdsFile>((m) => pds.searchBin(driveId, search, m, 50), [driveId, folderId]);
  const [busy, run] = useBusy();
  const [restoring, setRestoring] = useState<string>();

  const restore = (f: PdsFile) =>
    void run(async () => {
      setRestoring(f.file_id);
      const [outcome] = await restoreItems(driveId, [f]);
      setRestoring(undefined);
      if (!outcome || outcome.error) onError(`Could not restore ${f.name}: ${outcome?.error ?? 'no answer'}`);
      else onRestored(`Restored ${f.name}${outcome.restoredName !== f.name ? ` as ${outcome.restoredName} (the name was taken)` : ''}.`);
      await pages.reload();
    });

  return (
    <section className="panel deleted-here" aria-labelledby="deleted-here-title">
      <h2 id="deleted-here-title">Deleted from this folder</h2>
      {pages.error && <p className="inline-error">{pages.error}</p>}
      {pages.loaded && pages.items.length === 0 && !pages.error && <p className="empty">Nothing was deleted from this folder, or it has left the bin.</p>}
      {pages.items.length > 0 && (
        <table className="list deleted">
          <caption className="sr-only">Items deleted from this folder, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Deleted</th>
              <th scope="col">Deleted by</th>
              <th scope="col">Size</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {pages.items.map((f) => (
              <tr key={f.file_id} data-name={f.name}>
                <th scope="row" className="name">
                  {f.name}
                  {f.type === 'folder' && <span aria-hidden="true">/</span>}
                </th>
                <td data-label="Deleted">
                  <RelativeTime at={f.trashed_at} />
                </td>
                <td data-label="Deleted by">{f.trashed_by_name || '—'}</td>
                <td data-label="Size">{f.type === 'folder' ? 'Folder' : formatBytes(f.size)}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="small" disabled={busy} aria-label={`Restore ${f.name}`} onClick={() => restore(f)}>
                      {restoring === f.file_id ? 'Restoring…' : 'Restore'}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Deleted items" page={pages.pageNumber} hasPrev={pages.hasPrev} hasNext={pages.hasNext} onPrev={pages.prev} onNext={pages.next} busy={pages.loading} />
    </section>
  );
}
