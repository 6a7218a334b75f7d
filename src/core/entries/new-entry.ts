import type { NewEntryRow } from '../../store/schema.js';
import { newEntryId } from '../ids.js';
import { nameKey } from './name-key.js';

/** A fresh entry row with every counter and timestamp set the same way. */
export function newEntryRow(input: {
  driveId: string;
  parentId: string | null;
  name: string;
  type: 'file' | 'folder';
  createdBy: string;
  now: number;
  id?: string;
  size?: number;
  contentType?: string;
  contentHash?: string;
  blobId?: string | null;
  status?: 'available' | 'uploading';
}): NewEntryRow {
  const size = input.size ?? 0;
  return {
    drive_id: input.driveId,
    id: input.id ?? newEntryId(),
    parent_id: input.parentId,
    name: input.name,
    name_key: nameKey(input.name),
    type: input.type,
    size,
    content_type: input.contentType ?? '',
    content_hash: input.contentHash ?? '',
    blob_id: input.blobId ?? null,
    status: input.status ?? 'available',
    created_by: input.createdBy,
    modified_by: input.createdBy,
    created_at: input.now,
    updated_at: input.now,
    accessed_at: input.now,
    changed_at: input.now,
    tree_bytes: input.status === 'uploading' ? 0 : size,
    tree_count: 1,
    trashed_at: null,
    trashed_by: null,
    orig_parent_id: null,
    orig_path: null,
    purge_job_id: null,
    restore_job_id: null,
  };
}
