import type { Entry } from '../../core/types.js';
import type { EntryRow } from '../schema.js';

export const toEntry = (r: EntryRow): Entry => ({
  driveId: r.drive_id,
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  type: r.type,
  size: Number(r.size),
  contentType: r.content_type,
  contentHash: r.content_hash,
  blobId: r.blob_id,
  status: r.status,
  createdBy: r.created_by,
  modifiedBy: r.modified_by,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  accessedAt: Number(r.accessed_at),
  changedAt: Number(r.changed_at),
  treeBytes: Number(r.tree_bytes),
  treeCount: Number(r.tree_count),
  trashedAt: r.trashed_at === null ? null : Number(r.trashed_at),
  trashedBy: r.trashed_by,
  origParentId: r.orig_parent_id,
  origPath: r.orig_path,
  purgeJobId: r.purge_job_id === null ? null : Number(r.purge_job_id),
  restoreJobId: r.restore_job_id === null ? null : Number(r.restore_job_id),
});
