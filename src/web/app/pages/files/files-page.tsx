import { useState } from 'react';
import { pds } from '../../api/pds.js';
import { Notice } from '../../components/notice.js';
import { Pager } from '../../components/pager.js';
import { describeError } from '../../lib/errors.js';
import { mayEdit, roleInWords } from '../../lib/roles.js';
import { hrefOf } from '../../lib/route.js';
import { useBusy } from '../../lib/use-busy.js';
import { useDrive } from '../../lib/use-drive.js';
import { useMarkerPages } from '../../lib/use-marker-pages.js';
import { useToast } from '../../components/toast.js';
import { Breadcrumbs } from './breadcrumbs.js';
import { trashedToast } from './undo-trash.js';
import { DeletedHere } from './deleted-here.js';
import { FileTable } from './file-table.js';
import { NewFolderForm } from './new-folder-form.js';
import { UploadPanel } from './upload-panel.js';

const ORDERS = [
  { value: 'name:ASC', label: 'Name (A-Z)' },
  { value: 'name:DESC', label: 'Name (Z-A)' },
  { value: 'updated_at:DESC', label: 'Newest first' },
  { value: 'updated_at:ASC', label: 'Oldest first' },
  { value: 'size:DESC', label: 'Largest first' },
];

/**
 * The file browser of one folder: 100 entries a page (PDS marker pages), so a folder of
 * 10,000 entries costs one small request and 100 rows, never more.
 */
export function FilesPage({ driveId, folderId }: { driveId: string; folderId: string }) {
  const [order, setOrder] = useState('name:ASC');
  const [orderBy, direction] = order.split(':') as [string, string];
  const pages = useMarkerPages((m) => pds.listFolder(driveId, folderId, m, orderBy, direction), [driveId, folderId, order]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [folderName, setFolderName] = useState('');
  const [busy, run] = useBusy();
  const [showDeleted, setShowDeleted] = useState(false);
  const toast = useToast();
  // Viewers get no upload, new folder, rename or trash: the server would refuse them.
  const { drive } = useDrive(driveId);
  const canEdit = mayEdit(drive?.role);

  const reload = async () => {
    await pages.reload();
    setSelected(new Set());
  };

  const trashSelected = () =>
    run(async () => {
      const chosen = pages.items.filter((f) => selected.has(f.file_id));
      const failures: string[] = [];
      // One deletion event for the whole selection: the bin can undo it in one step.
      let eventId: string | undefined;
      for (const f of chosen) {
        try {
          eventId = (await pds.trash(driveId, f.file_id, eventId)).deletion_event_id ?? eventId;
        } catch (err) {
          failures.push(`${f.name}: ${describeError(err)}`);
        }
      }
      const moved = chosen.length - failures.length;
      // The list first, then the message: when it says "moved", the rows are gone.
      await reload();
      if (moved > 0) toast(trashedToast(driveId, moved, eventId, reload));
      setError(failures.length > 0 ? failures.join(' ') : undefined);
    });

  return (
    <>
      <h1>{folderName || 'Files'}</h1>
      <Breadcrumbs driveId={driveId} folderId={folderId} onName={setFolderName} />
      {drive && !canEdit && <p className="hint">You are {roleInWords(drive.role)} on this drive: you can browse and download, not change anything.</p>}
      <div className="toolbar" role="group" aria-label="Folder actions">
        {canEdit && (
          <>
            <UploadPanel driveId={driveId} folderId={folderId} onUploaded={() => void reload()} />
            <NewFolderForm
              driveId={driveId}
              folderId={folderId}
              onCreated={(name) => {
                setError(undefined);
                toast({ message: `Created folder ${name}.` });
                void reload();
              }}
              onError={(m) => {
                setError(m);
              }}
            />
            <button type="button" className="danger" disabled={busy || selected.size === 0} onClick={() => void trashSelected()}>
              Move {selected.size > 0 ? `${selected.size} selected` : 'selected'} to recycle bin
            </button>
          </>
        )}
        <label htmlFor="order">Sort</label>
        <select id="order" value={order} onChange={(e) => setOrder(e.target.value)}>
          {ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" aria-expanded={showDeleted} aria-controls="deleted-here" onClick={() => setShowDeleted(!showDeleted)}>
          {showDeleted ? 'Hide deleted items' : 'Show deleted items'}
        </button>
        <a href={hrefOf({ page: 'bin', driveId })}>Open recycle bin</a>
        <a href={hrefOf({ page: 'members', driveId })}>Members</a>
      </div>
      <Notice error={error ?? pages.error} onDismiss={error ? () => setError(undefined) : undefined} />
      <div id="deleted-here">
        {showDeleted && (
          <DeletedHere
            driveId={driveId}
            folderId={folderId}
            canEdit={canEdit}
            onRestored={(m) => {
              setError(undefined);
              toast({ message: m });
              void reload();
            }}
            onError={(m) => {
              setError(m);
            }}
          />
        )}
      </div>
      <FileTable
        driveId={driveId}
        items={pages.items}
        loaded={pages.loaded}
        canEdit={canEdit}
        selected={selected}
        setSelected={setSelected}
        onChanged={() => void reload()}
        onError={setError}
      />
      <Pager label="Folder" page={pages.pageNumber} hasPrev={pages.hasPrev} hasNext={pages.hasNext} onPrev={pages.prev} onNext={pages.next} busy={pages.loading} />
    </>
  );
}
