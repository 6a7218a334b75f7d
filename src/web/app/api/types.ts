/** The wire shapes the UI reads: PDS (SPEC section 4) and the Jobs dialect (section 5). */

import type { PdsFile as WirePdsFile } from '../../../shared/pds-file.js';

export interface PdsDrive {
  drive_id: string;
  drive_name: string;
  owner: string;
  total_size: number;
  used_size: number;
  status: string;
  created_at: string;
  description: string;
  /** The caller's role on the drive (a Salvage addition; admins are 'owner' everywhere). */
  role: DriveRole;
  /** The bin's retention lock (docs/pds.md, "Retention lock"); null when there is none. */
  recyclebin_lock?: RetentionLock | null;
}

export type LockMode = 'governance' | 'compliance';

export interface RetentionLock {
  mode: LockMode;
  min_retention_days: number;
}

/** What a user may do on a drive: docs/pds.md, "Members and roles". */
export type DriveRole = 'owner' | 'editor' | 'viewer';

/** One row of /v2/drive/member/list: the owner first, then the members. `added_at` in milliseconds. */
export interface PdsMember {
  user_id: string;
  user_name: string;
  nick_name: string;
  role: DriveRole;
  added_at: number;
}

/** A PDS File as the server writes it; search_all answers add the bin item that holds it. */
export interface PdsFile extends WirePdsFile {
  /** In /v2/recyclebin/search_all answers: the bin item that holds the entry. */
  bin_item_id?: string;
}

export interface PdsPage<T> {
  items: T[];
  next_marker: string;
}

export interface PdsCreated {
  file_id: string;
  file_name: string;
  /** With check_name_mode refuse, PDS answers the existing entry with exist: true instead of failing. */
  exist?: boolean;
  upload_id?: string;
  part_info_list?: { part_number: number; upload_url: string }[];
}

export interface PdsTaskAnswer {
  file_id?: string;
  async_task_id: string;
  /** On a trash: the deletion event the item joined (one per multi-select, so it is undone as one). */
  deletion_event_id?: string;
}

export type JobState = 'EXAMINING' | 'PROCESSING' | 'EXECUTING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';

export interface JobStatus {
  jobId: { id: number };
  jobState: JobState;
  jobType: string;
  /** Absent until the job starts. */
  startTime?: string;
  /** Absent until the job ends. */
  completeTime?: string;
  jobParams: Record<string, string>;
  jobStats: { processed: number; failed: number };
  bucketName: string;
}

export interface JobPage {
  jobs: JobStatus[];
  page: number;
  pageSize: number;
  totalCount: number;
}

export interface SessionUser {
  id: string;
  name: string;
  isAdmin: boolean;
}

export interface BinSettings {
  driveId: string;
  driveName: string;
  enabled: boolean;
  reservedDays: number;
  sizeBytes: number;
  enableTime: string | null;
  job?: JobStatus | null;
}

export const isRunning = (job: JobStatus): boolean =>
  job.jobState === 'EXAMINING' || job.jobState === 'PROCESSING' || job.jobState === 'EXECUTING';

/** A user as PDS renders one (`BaseUserResponse`); its times are milliseconds since the epoch. */
export interface PdsUser {
  user_id: string;
  user_name: string;
  nick_name: string;
  email: string;
  role: 'admin' | 'user';
  status: 'enabled' | 'disabled';
  default_drive_id: string;
  created_at: number;
}

/** An access key as listed: never its secret. Times in milliseconds, as for users. */
export interface PdsAccessKey {
  access_key_id: string;
  user_id: string;
  status: 'enabled' | 'disabled';
  created_at: number;
  last_used_at: number | null;
}

/** The answer of access_key/create: the one time the secret is sent. */
export interface PdsNewAccessKey extends PdsAccessKey {
  access_key_secret: string;
}

/** One audit record as GET /v1/audit answers. */
export interface AuditRecord {
  id: number;
  time: string;
  actor: string | null;
  actorName: string | null;
  dialect: string;
  action: string;
  driveId: string | null;
  itemId: string | null;
  name: string | null;
  path: string | null;
  bytes: number | null;
  jobId: number | null;
  outcome: string;
  detail: string;
}

export interface AuditPage {
  records: AuditRecord[];
  page: number;
  pageSize: number;
  totalCount: number;
}
