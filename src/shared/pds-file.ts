/**
 * A PDS File on the wire, as the server writes it (api/pds/render/file.ts) and the web UI
 * and the command line read it: main.tea's BaseCCPFileResponse fields, with Salvage's own
 * (docs/pds.md).
 */
export interface PdsFile {
  domain_id: string;
  drive_id: string;
  file_id: string;
  parent_file_id: string;
  name: string;
  type: 'file' | 'folder';
  size: number;
  /** Folders only (Salvage's own): bytes and entries below, at any depth. */
  tree_size?: number;
  tree_count?: number;
  content_type: string;
  content_hash: string;
  content_hash_name?: 'sha1';
  file_extension: string;
  status: 'available' | 'uploading';
  creator_type: 'User';
  creator_id: string;
  creator_name: string;
  last_modifier_type: 'User';
  last_modifier_id: string;
  last_modifier_name: string;
  created_at: string;
  updated_at: string;
  trashed: boolean;
  trashed_at: string | null;
  /** Bin items and entries inside them: who trashed it, by id and (Salvage's own) by user name. */
  trashed_by?: string;
  trashed_by_name?: string;
  original_parent_file_id?: string;
  original_path?: string;
  /** Salvage's own: the trash call that removed it (restore_all undoes it whole). */
  deletion_event_id?: string;
  /** In the bin: seconds until retention purges it; null while the drive's bin is disabled. */
  auto_delete_left_sec?: number | null;
}
