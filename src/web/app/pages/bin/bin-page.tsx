import { useEffect, useState } from 'react';
import { jobsApi } from '../../api/jobs.js';
import { membersApi } from '../../api/members.js';
import { pds } from '../../api/pds.js';
import type { BinSettings, PdsFile, SessionUser } from '../../api/types.js';
import { Notice } from '../../components/notice.js';
import { Pager } from '../../components/pager.js';
import { Skeleton } from '../../components/skeleton.js';
import { mayEdit, roleInWords } from '../../lib/roles.js';
import { useDebounced } from '../../lib/use-debounced.js';
import { useDrive } from '../../lib/use-drive.js';
import { useMarkerPages } from '../../lib/use-marker-pages.js';
import { BinActions } from './bin-actions.js';
import { BinBreadcrumbs } from './bin-breadcrumbs.js';
import { BinRowActions } from './bin-row-actions.js';
import { BinFilterBar } from './bin-filters.js';
import { binQuery, describeFilters, NO_FILTERS, type BinFilters } from './bin-query.js';
import { BinTable } from './bin-table.js';
import { RestoreReport } from './restore-report.js';
import type { RestoreOutcome } from './restore-items.js';

const PAGE = 100;

/** The drive's retention in one sentence, at the top of the bin. */
function retentionText(s: BinSettings): string {
  if (!s.enabled) return 'The recycle bin is off: deleting deletes for good. Turn it on in Settings.';
  const days = s.reservedDays === 1 ? '1 day' : `${s.reservedDays} days`;
  return `Items are deleted for good after ${days} in the bin.`;
}

/**
 * The recycle bin of one drive, searched on the server (/v2/recyclebin/search_all) a page
 * of 100 at a time, however many items it holds; or the inside of one trashed folder in it
 * (the bin's listing with parent_file_id, by name).
 */
export function BinPage({ driveId, folderId, me }: { driveId: string; folderId?: string; me: SessionUser }) {
  const [form, setForm] = useState<BinFilters>(NO_FILTERS);
  // The name is sent once typing pauses; every other filter at once.
  const name = useDebounced(form.name);
  const filters = { ...form, name };
  const query = binQuery(filters);
  const search = { query, orderBy: form.order, includeSubfolders: Boolean(form.from) && form.withSubfolders };
  const pages = useMarkerPages<PdsFile>(
    (m) => (folderId ? pds.listInsideBin(driveId, folderId, m, PAGE) : pds.searchBin(driveId, search, m, PAGE)),
    [driveId, folderId, query, search.orderBy, search.includeSubfolders],
  );
  const [users, setUsers] = useState<SessionUser[]>([me]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<RestoreOutcome[]>([]);
  const [error, setError] = useState<string>();
  const [folder, setFolder] = useState<PdsFile>();
  const [settings, setSettings] = useState<BinSettings>();
  // Viewers browse the bin only; editors restore; the owner (and admins) also delete.
  const { drive } = useDrive(driveId);
  const driveName = drive?.drive_name ?? '';
  const canEdit = mayEdit(drive?.role);

  useEffect(() => {
    jobsApi.binSettings(driveId).then(setSettings, () => undefined);
  }, [driveId]);

  // Who deleted it: an admin chooses among all users (/v1/users); anyone else among the
  // drive's owner and members, the people who can have deleted something there.
  useEffect(() => {
    if (me.isAdmin) {
      jobsApi.users().then((u) => setUsers(u.users), () => undefined);
      return;
    }
    membersApi.list(driveId).then(
      (m) => setUsers(m.items.map((u) => ({ id: u.user_id, name: u.user_name, isAdmin: false }))),
      () => undefined,
    );
  }, [me, driveId]);

  // A new search starts with nothing selected.
  useEffect(() => setSelected(new Set()), [query, search.orderBy]);

  const chosen = pages.items.filter((f) => selected.has(f.file_id));
  const done = async () => {
    setSelected(new Set());
    await pages.reload();
  };
  const said = folderId ? [] : describeFilters(filters, (id) => users.find((u) => u.id === id)?.name ?? id);

  return (
    <>
      <h1>{folder ? `Recycle bin: ${folder.name}` : `Recycle bin${driveName ? ` of ${driveName}` : ''}`}</h1>
      <BinBreadcrumbs driveId={driveId} driveName={driveName} folderId={folderId} onFolder={setFolder} />
      {settings && <p className="retention">{retentionText(settings)}</p>}
      {!folderId && <BinFilterBar driveId={driveId} form={form} users={users} onChange={setForm} />}
      <div className="toolbar">
        {drive && (
          <BinActions
            driveId={driveId}
            role={drive.role}
            chosen={chosen}
            onRestored={(o) => {
              setOutcomes(o);
              void done();
            }}
            onError={(e) => {
              setError(e);
            }}
            onChanged={() => void done()}
          />
        )}
      </div>
      {drive && !canEdit && <p className="hint">You are {roleInWords(drive.role)} on this drive: you can browse the recycle bin, not restore or delete.</p>}
      <Notice error={error ?? pages.error} onDismiss={error ? () => setError(undefined) : undefined} />
      <RestoreReport driveId={driveId} outcomes={outcomes} onDismiss={() => setOutcomes([])} />
      {pages.loaded && pages.items.length === 0 && !pages.loading && !pages.error && (
        <p className="empty" role="status">
          {said.length > 0
            ? `No item in the bin matches: ${said.join('; ')}. Change or clear a filter to see more.`
            : folderId
              ? 'This folder is empty.'
              : 'The recycle bin is empty. What you delete from this drive comes here, and can be restored from here until it expires.'}
        </p>
      )}
      {!pages.loaded && !pages.error && <Skeleton label="Loading the recycle bin" rows={5} />}
      {pages.items.length > 0 && (
        <BinTable
          driveId={driveId}
          items={pages.items}
          insideFolder={Boolean(folderId)}
          selectable={canEdit}
          selected={selected}
          onSelect={(id, on) => {
            const next = new Set(selected);
            if (on) next.add(id);
            else next.delete(id);
            setSelected(next);
          }}
          onSelectAll={(on) => setSelected(on ? new Set(pages.items.map((f) => f.file_id)) : new Set())}
          rowActions={
            canEdit && !folderId
              ? (f) => (
                  <BinRowActions
                    driveId={driveId}
                    file={f}
                    role={drive?.role}
                    onRestored={(o) => {
                      setOutcomes(o);
                      void done();
                    }}
                    onChanged={() => void done()}
                    onError={setError}
                  />
                )
              : undefined
          }
        />
      )}
      <p className="list-footer" aria-live="polite">
        {pages.loading ? 'Loading…' : pages.items.length > 0 ? `Showing ${pages.items.length === 1 ? '1 item' : `${pages.items.length} items`}.` : ''}
      </p>
      <Pager label="Recycle bin" page={pages.pageNumber} hasPrev={pages.hasPrev} hasNext={pages.hasNext} onPrev={pages.prev} onNext={pages.next} busy={pages.loading} />
    </>
  );
}
