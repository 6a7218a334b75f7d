import { useEffect, useState } from 'react';
import { pds } from '../../api/pds.js';
import type { PdsFile } from '../../api/types.js';
import { Notice } from '../../components/notice.js';
import { mayEdit, roleInWords } from '../../lib/roles.js';
import { hrefOf } from '../../lib/route.js';
import { useDrive } from '../../lib/use-drive.js';
import { BinActions } from './bin-actions.js';
import { BinTable } from './bin-table.js';
import { RestoreReport } from './restore-report.js';
import type { RestoreOutcome } from './restore-items.js';
import { useBinList } from './use-bin-list.js';

/** The recycle bin of one drive, or the inside of one trashed folder in it. */
export function BinPage({ driveId, folderId }: { driveId: string; folderId?: string }) {
  const [filter, setFilter] = useState('');
  const list = useBinList(driveId, folderId, filter);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<RestoreOutcome[]>([]);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [folder, setFolder] = useState<PdsFile>();
  // Viewers browse the bin only; editors restore; the owner (and admins) also delete.
  const { drive } = useDrive(driveId);
  const driveName = drive?.drive_name ?? '';
  const canEdit = mayEdit(drive?.role);

  useEffect(() => {
    if (folderId) pds.getFile(driveId, folderId).then(setFolder, () => undefined);
  }, [driveId, folderId]);

  const chosen = list.items.filter((f) => selected.has(f.file_id));
  const done = async () => {
    setSelected(new Set());
    await list.reload();
  };

  return (
    <>
      <h1>{folder ? `Recycle bin: ${folder.name}` : `Recycle bin${driveName ? ` of ${driveName}` : ''}`}</h1>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href={hrefOf({ page: 'files', driveId, folderId: 'root' })}>{driveName || 'Drive'}</a>
          </li>
          <li>{folderId ? <a href={hrefOf({ page: 'bin', driveId })}>Recycle bin</a> : <span aria-current="page">Recycle bin</span>}</li>
          {folder && (
            <li>
              <span aria-current="page">{folder.name}</span>
            </li>
          )}
        </ol>
      </nav>
      <div className="toolbar">
        <label htmlFor="bin-filter">Filter by name</label>
        <input id="bin-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {drive && (
          <BinActions
            driveId={driveId}
            role={drive.role}
            chosen={chosen}
            onRestored={(o) => {
              setOutcomes(o);
              void done();
            }}
            onMessage={(m) => {
              setError(undefined);
              setMessage(m);
            }}
            onError={(e) => {
              setMessage(undefined);
              setError(e);
            }}
            onChanged={() => void done()}
          />
        )}
      </div>
      {drive && !canEdit && <p className="hint">You are {roleInWords(drive.role)} on this drive: you can browse the recycle bin, not restore or delete.</p>}
      <Notice error={error ?? list.error} onDismiss={error ? () => setError(undefined) : undefined} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      <RestoreReport driveId={driveId} outcomes={outcomes} onDismiss={() => setOutcomes([])} />
      {list.items.length === 0 && !list.loading && !list.error && (
        <p className="empty">{filter ? 'No item in the bin matches this name.' : folderId ? 'This folder is empty.' : 'The recycle bin is empty.'}</p>
      )}
      {list.items.length > 0 && (
        <BinTable
          driveId={driveId}
          items={list.items}
          insideFolder={Boolean(folderId)}
          selectable={canEdit}
          selected={selected}
          onSelect={(id, on) => {
            const next = new Set(selected);
            if (on) next.add(id);
            else next.delete(id);
            setSelected(next);
          }}
          onSelectAll={(on) => setSelected(on ? new Set(list.items.map((f) => f.file_id)) : new Set())}
        />
      )}
      <p className="list-footer" aria-live="polite">
        {list.loading ? 'Loading…' : `Showing ${list.items.length}${filter ? ` matches among ${list.total} items read` : ''}.`}{' '}
        {list.hasMore && (
          <button type="button" onClick={() => void list.loadMore()} disabled={list.loading}>
            Load more
          </button>
        )}
      </p>
    </>
  );
}
