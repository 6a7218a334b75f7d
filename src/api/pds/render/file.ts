import type { ActorNames, BinItem, NamedEntry } from '../../../core/types.js';
import type { PdsFile } from '../../../shared/pds-file.js';
import { DOMAIN_ID, iso, isoOrNull } from './time.js';

const extensionOf = (e: NamedEntry): string => {
  const dot = e.name.lastIndexOf('.');
  return e.type === 'file' && dot > 0 ? e.name.slice(dot + 1) : '';
};

/**
 * A PDS File. `binnedAt` is when the entry went to the bin: its own trash time for a bin
 * item, its bin item's for an entry inside a trashed folder, null for a live one.
 *
 * Built field by field rather than with conditional spreads: a bin page renders 200 of
 * these, and each spread made and copied an object of its own.
 */
export function renderFile(e: NamedEntry, binnedAt: number | null = e.trashedAt): PdsFile {
  const isFile = e.type === 'file';
  const f = {
    domain_id: DOMAIN_ID,
    drive_id: e.driveId,
    file_id: e.id,
    parent_file_id: e.parentId ?? '',
    name: e.name,
    type: e.type,
    size: isFile ? e.size : 0,
  } as PdsFile;
  if (!isFile) {
    // Salvage's own (docs/pds.md): a folder's subtree counters, kept on every write, so a
    // listing shows folder sizes without reading below them.
    f.tree_size = e.treeBytes;
    f.tree_count = e.treeCount - 1;
  }
  f.content_type = isFile ? e.contentType : '';
  f.content_hash = isFile ? e.contentHash : '';
  // The SDK's enum for it is only `sha1`: left out while there is no hash (folders, uploads).
  if (isFile && e.contentHash !== '') f.content_hash_name = 'sha1';
  f.file_extension = extensionOf(e);
  f.status = e.status;
  // Every actor is a user (the SDK's examples: `User`); the names are user names.
  f.creator_type = 'User';
  f.creator_id = e.createdBy;
  f.creator_name = e.createdByName;
  f.last_modifier_type = 'User';
  f.last_modifier_id = e.modifiedBy;
  f.last_modifier_name = e.modifiedByName;
  f.created_at = iso(e.createdAt);
  f.updated_at = iso(e.updatedAt);
  f.trashed = binnedAt !== null;
  f.trashed_at = isoOrNull(binnedAt);
  if (e.trashedAt !== null) {
    // A bin item also says who trashed it (main.tea has no field for it: both are
    // Salvage's, docs/pds.md) and where it came from.
    f.trashed_by = e.trashedBy ?? '';
    f.trashed_by_name = e.trashedByName ?? '';
    f.original_parent_file_id = e.origParentId ?? '';
    f.original_path = e.origPath ?? '';
    // Salvage's too: the trash call that removed it (restore_all undoes it whole).
    f.deletion_event_id = e.deletionEventId ?? '';
  }
  return f;
}

/** A recycle-bin list item: a File (a bin item always has its trash fields) plus when retention will purge it. */
export function renderBinItem(item: BinItem & ActorNames): PdsFile {
  const f = renderFile(item);
  // Null while the bin is disabled: nothing is purged by retention then.
  f.auto_delete_left_sec = item.autoDeleteLeftSec;
  return f;
}

/**
 * An entry inside a trashed folder: in the bin with the bin item that holds it, so it
 * carries that item's trash time and retention.
 */
export function renderInsideBin(e: NamedEntry, holder: { deletedAt: number; autoDeleteLeftSec: number | null }): PdsFile {
  const f = renderFile(e, holder.deletedAt);
  f.auto_delete_left_sec = holder.autoDeleteLeftSec;
  return f;
}
