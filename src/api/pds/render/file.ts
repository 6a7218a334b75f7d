import type { ActorNames, BinItem, NamedEntry } from '../../../core/types.js';
import { DOMAIN_ID, iso, isoOrNull } from './time.js';

const extensionOf = (e: NamedEntry): string => {
  const dot = e.name.lastIndexOf('.');
  return e.type === 'file' && dot > 0 ? e.name.slice(dot + 1) : '';
};

/**
 * A PDS File. `binnedAt` is when the entry went to the bin: its own trash time for a bin
 * item, its bin item's for an entry inside a trashed folder, null for a live one.
 */
export function renderFile(e: NamedEntry, binnedAt: number | null = e.trashedAt) {
  const isFile = e.type === 'file';
  return {
    domain_id: DOMAIN_ID,
    drive_id: e.driveId,
    file_id: e.id,
    parent_file_id: e.parentId ?? '',
    name: e.name,
    type: e.type,
    size: isFile ? e.size : 0,
    // Salvage's own (docs/pds.md): a folder's subtree counters, kept on every write, so a
    // listing shows folder sizes without reading below them.
    ...(!isFile && { tree_size: e.treeBytes, tree_count: e.treeCount - 1 }),
    content_type: isFile ? e.contentType : '',
    content_hash: isFile ? e.contentHash : '',
    // The SDK's enum for it is only `sha1`: left out while there is no hash (folders, uploads).
    ...(isFile && e.contentHash !== '' && { content_hash_name: 'sha1' }),
    file_extension: extensionOf(e),
    status: e.status,
    // Every actor is a user (the SDK's examples: `User`); the names are user names.
    creator_type: 'User',
    creator_id: e.createdBy,
    creator_name: e.createdByName,
    last_modifier_type: 'User',
    last_modifier_id: e.modifiedBy,
    last_modifier_name: e.modifiedByName,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
    trashed: binnedAt !== null,
    trashed_at: isoOrNull(binnedAt),
    // A bin item also says who trashed it (main.tea has no field for it: both are
    // Salvage's, docs/pds.md) and where it came from.
    ...(e.trashedAt !== null && {
      trashed_by: e.trashedBy ?? '',
      trashed_by_name: e.trashedByName ?? '',
      original_parent_file_id: e.origParentId ?? '',
      original_path: e.origPath ?? '',
      // Salvage's too: the trash call that removed it (restore_all undoes it whole).
      deletion_event_id: e.deletionEventId ?? '',
    }),
  };
}

/** A recycle-bin list item: a File plus when retention will purge it. */
export function renderBinItem(item: BinItem & ActorNames) {
  return {
    ...renderFile(item),
    trashed_by: item.trashedBy ?? '',
    trashed_by_name: item.trashedByName ?? '',
    original_parent_file_id: item.origParentId ?? '',
    original_path: item.origPath ?? '',
    // Null while the bin is disabled: nothing is purged by retention then.
    auto_delete_left_sec: item.autoDeleteLeftSec,
  };
}

/**
 * An entry inside a trashed folder: in the bin with the bin item that holds it, so it
 * carries that item's trash time and retention.
 */
export function renderInsideBin(e: NamedEntry, holder: { deletedAt: number; autoDeleteLeftSec: number | null }) {
  return { ...renderFile(e, holder.deletedAt), auto_delete_left_sec: holder.autoDeleteLeftSec };
}
