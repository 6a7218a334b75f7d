import { useEffect, useState } from 'react';
import { pds } from '../../api/pds.js';
import { Notice } from '../../components/notice.js';
import { Pager } from '../../components/pager.js';
import { mayEdit, roleInWords } from '../../lib/roles.js';
import { hrefOf } from '../../lib/route.js';
import { useBusy } from '../../lib/use-busy.js';
import { useDrive } from '../../lib/use-drive.js';
import { useMarkerPages } from '../../lib/use-marker-pages.js';
import { useToast } from '../../components/toast.js';
import { Breadcrumbs } from './breadcrumbs.js';
import { useTrash } from './use-trash.js';
import { DeletedHere } from './deleted-here.js';
import { FileTable } from './file-table.js';
import { foldersFirstPage } from './folders-first.js';
import { NewFolderForm } from './new-folder-form.js';
import { SelectAllBanner } from './select-all-banner.js';
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
  const pages = useMarkerPages((m) => foldersFirstPage(driveId, folderId, m, orderBy, direction), [driveId, folderId, order]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [folderName, setFolderName] = useState('');
  const [busy, run] = useBusy();
  const [showDeleted, setShowDeleted] = useState(false);
  const toast = useToast();
  // Viewers get no upload, new folder, rename or trash: the server would refuse them.
  const { drive } = useDrive(driveId);
  const canEdit = mayEdit(drive?.role);

  // Everything in the folder selected, past this page ("Select all N items").
  const [allInFolder, setAllInFolder] = useState(false);
  const [total, setTotal] = useState<number>();
  const [counted, setCounted] = useState(0);
  useEffect(() => {
    pds.countChildren(driveId, folderId).then(setTotal, () => setTotal(undefined));
  }, [driveId, folderId, counted]);

  const reload = async () => {
    await pages.reload();
    setSelected(new Set());
    setAllInFolder(false);
    setCounted((n) => n + 1);
  };

  const trashSelected = () => (allInFolder ? trashAll() : trash(pages.items.filter((f) => selected.has(f.file_id))));
  const { trash, trashAll } = useTrash({ driveId, folderId, total, run, reload, onError: setError });
  const chosenCount = allInFolder ? (total ?? selected.size) : selected.size;

  return (
    <>
      <h1>{folderName || 'Files'}</h1>
      <Breadcrumbs driveId={driveId} folderId={folderId} onName={setFolderName} />
      {drive && !canEdit && <p className="hint">You are {roleInWords(drive.role)} on this drive: you can browse and download, not change anything.</p>}
      <div className="toolbar" role="group" aria-label="Folder actions">
        {canEdit && (
          <>
            <UploadPanel driveId={driveId} folderId={folderId} folderName={folderName} onUploaded={() => void reload()} />
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
            <button type="button" className="danger" disabled={busy || chosenCount === 0} onClick={() => void trashSelected()}>
              Move {chosenCount > 0 ? `${chosenCount.toLocaleString()} selected` : 'selected'} to recycle bin
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
      {canEdit && pages.items.length > 0 && pages.items.every((f) => selected.has(f.file_id)) && total !== undefined && total > pages.items.length && (
        <SelectAllBanner
          shown={pages.items.length}
          total={total}
          all={allInFolder}
          onAll={() => setAllInFolder(true)}
          onClear={() => {
            setAllInFolder(false);
            setSelected(new Set());
          }}
        />
      )}
      <FileTable
        driveId={driveId}
        items={pages.items}
        loaded={pages.loaded}
        canEdit={canEdit}
        selected={selected}
        setSelected={(s) => {
          setAllInFolder(false);
          setSelected(s);
        }}
        onChanged={() => void reload()}
        onError={setError}
        onTrash={(files) => void trash(files)}
      />
      {canEdit && pages.items.length > 0 && <p className="hint">On a row: Enter opens, F2 renames, Delete moves to the recycle bin; Shift+click selects a range.</p>}
      {total !== undefined && total > 0 && (
        <p className="list-footer">
          {pages.hasPrev || pages.hasNext
            ? `${pages.items.length} shown of ${total.toLocaleString()} items in this folder, folders first.`
            : `${total.toLocaleString()} item${total === 1 ? '' : 's'} in this folder.`}
        </p>
      )}
      <Pager label="Folder" page={pages.pageNumber} hasPrev={pages.hasPrev} hasNext={pages.hasNext} onPrev={pages.prev} onNext={pages.next} busy={pages.loading} />
    </>
  );
}
