/** The parts of PDS and Jobs API answers the command line reads (docs/pds.md, docs/jobs-api.md). */

import type { PdsFile } from '../../shared/pds-file.js';

export interface PdsDrive {
  drive_id: string;
  drive_name: string;
  owner: string;
  description: string;
  /** -1: no quota. */
  total_size: number;
  used_size: number;
  status: string;
  /** The caller's role on it: owner, editor or viewer. */
  role: 'owner' | 'editor' | 'viewer';
  /** The bin's retention lock; null when there is none. */
  recyclebin_lock: { mode: 'governance' | 'compliance'; min_retention_days: number } | null;
  created_at: string;
}

export type { PdsFile };

export interface PdsBinItem extends PdsFile {
  /** Who trashed it: their user id, and (Salvage's own field) their user name. */
  trashed_by: string;
  trashed_by_name?: string;
  original_parent_file_id: string;
  original_path: string;
  /** Null while the drive's bin is disabled: retention purges nothing then. */
  auto_delete_left_sec: number | null;
}

export interface PdsPage<T> {
  items: T[];
  next_marker: string;
}

export type PdsTaskState = 'Running' | 'Succeed' | 'PartialSucceed' | 'Failed' | 'Cancelled';

export interface PdsTask {
  async_task_id: string;
  state: PdsTaskState;
  consumed_process: number;
  total_process: number;
  error_code: string;
  error_message: string;
}

export interface PdsUploadStart {
  file_id: string;
  file_name: string;
  upload_id: string;
  part_info_list: { part_number: number; upload_url: string }[];
}

export interface JobStatus {
  jobId: { id: number };
  jobState: string;
  jobType: string;
  /** Absent until the job starts. */
  startTime?: string;
  /** Absent until the job ends. */
  completeTime?: string;
  jobParams: Record<string, string>;
  jobStats: { processed: number; failed: number };
  bucketName: string;
}
