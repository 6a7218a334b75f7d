import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables, as the query layer sees them. Times are milliseconds since the epoch in
 * integer columns, and flags are 0/1 integers, so one set of queries serves SQLite and
 * PostgreSQL alike.
 */
export interface Database {
  users: UsersTable;
  access_keys: AccessKeysTable;
  drives: DrivesTable;
  drive_members: DriveMembersTable;
  entries: EntriesTable;
  jobs: JobsTable;
  idempotency: IdempotencyTable;
  recycled_dirs: RecycledDirsTable;
  blob_gc: BlobGcTable;
  settings: SettingsTable;
  auth_tokens: AuthTokensTable;
  sessions: SessionsTable;
  uploads: UploadsTable;
  upload_parts: UploadPartsTable;
  signature_nonces: SignatureNoncesTable;
  sign_in_failures: SignInFailuresTable;
  audit: AuditTable;
  search_marks: SearchMarksTable;
  search_mark_frontier: SearchMarkFrontierTable;
  job_failures: JobFailuresTable;
  dav_locks: DavLocksTable;
  dead_properties: DeadPropertiesTable;
}

export interface UsersTable {
  id: string;
  name: string;
  password_hash: string;
  is_admin: number;
  created_at: number;
  nick_name: Generated<string>;
  email: Generated<string>;
  /** 'enabled', 'disabled' or 'deleted'; only an enabled user's credentials work. */
  status: Generated<string>;
  /** The drive made with the user; the token grant names it. */
  default_drive_id: string | null;
}

export interface AccessKeysTable {
  id: string;
  user_id: string;
  /**
   * HMAC verification needs the secret itself, so it is kept encrypted (AES-256-GCM with
   * the node's secret key) rather than hashed; `sealed` is 0 for a row written before that.
   */
  secret: string;
  created_at: number;
  status: Generated<string>;
  last_used_at: number | null;
  sealed: Generated<number>;
}

export interface DrivesTable {
  id: string;
  name: string;
  owner_id: string;
  description: string;
  /** Bytes allowed; -1 is unlimited. */
  total_size: number;
  /** Bytes of live and trashed files. */
  used_size: number;
  /** Bytes of files in the bin (trash roots and everything below them). */
  bin_bytes: number;
  bin_enabled: number;
  reserved_days: number;
  bin_enabled_at: number | null;
  /**
   * While a `clear` job runs, bin items trashed at or before this time are hidden: the bin
   * looks empty at once, and a cancelled clear shows the rest again by resetting it.
   */
  bin_hidden_before: number | null;
  /** The retention lock's mode, 'governance' or 'compliance'; null: no lock (issue 14 item 5). */
  lock_mode: string | null;
  /** The lock's minimum days in the bin; null with lock_mode. */
  lock_min_days: number | null;
  /** 'pds' or 'nas': which API made it; NAS-made drives start with the bin off. */
  origin: string;
  file_system_type: string;
  protocol_type: string;
  storage_type: string;
  status: string;
  created_at: number;
  updated_at: number;
}

/**
 * A user a drive is shared with, and how far: 'viewer' or 'editor'. The owner is the
 * drive's `owner_id`, never a row here.
 */
export interface DriveMembersTable {
  drive_id: string;
  user_id: string;
  role: string;
  added_at: number;
  added_by: string;
}

export interface EntriesTable {
  drive_id: string;
  id: string;
  /** Null for the root, and for a trash root whose original folder was purged. */
  parent_id: string | null;
  name: string;
  /**
   * The name's natural sort key (core/entries/name-key.ts), kept beside it so folder
   * listings by name are keyset pages on an index (0023). Written with every name.
   */
  name_key: string;
  type: 'file' | 'folder';
  size: number;
  content_type: string;
  content_hash: string;
  blob_id: string | null;
  status: 'available' | 'uploading';
  created_by: string;
  /** The user who last created, renamed, moved, uploaded or restored it. */
  modified_by: string;
  created_at: number;
  updated_at: number;
  accessed_at: number;
  changed_at: number;
  /**
   * Bytes and entries of this entry's subtree, itself included, not counting subtrees that
   * were trashed on their own. Kept up to date along the ancestor chain (O(depth)), so
   * trashing, restoring and sizing a subtree never walks it.
   */
  tree_bytes: number;
  tree_count: number;
  /** Set only on a trash root: the entry that was trashed directly. */
  trashed_at: number | null;
  trashed_by: string | null;
  orig_parent_id: string | null;
  orig_path: string | null;
  /** Set while a delete job owns this trash root: it is leaving, so the bin hides it. */
  purge_job_id: number | null;
  /** Set while a queued restore has claimed this bin item: no later purge may take it. */
  restore_job_id: number | null;
  /** Set only on a trash root: the trash call that made it, shared by all it trashed at once (0019). */
  deletion_event_id: string | null;
  /**
   * The trash root this row was found under by the background marking, so search indexes
   * skip it. A hint, trusted only while `search_marks` does not list that root as
   * 'unmarking'; never set on a trash root itself.
   */
  binned_under: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  drive_id: string;
  type: 'restore' | 'delete' | 'clear' | 'expire' | 'copy' | 'restore_all' | 'delete_all';
  state: 'queued' | 'running' | 'succeeded' | 'partially_succeeded' | 'failed' | 'cancelled';
  /** While running: 'listing', 'applying' or 'finishing' (the Jobs dialect shows it). */
  phase: string;
  cancel_requested: number;
  target_id: string | null;
  target_name: string | null;
  /** JSON of the job's parameters. */
  params: string;
  total: number;
  processed: number;
  failed: number;
  error_code: string | null;
  error_message: string | null;
  created_by: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  attempts: number;
}

export interface IdempotencyTable {
  user_id: string;
  token: string;
  scope: string;
  params_hash: string;
  result: string;
  created_at: number;
}

export interface RecycledDirsTable {
  drive_id: string;
  dir_id: string;
  path: string;
  last_delete_time: number;
}

export interface BlobGcTable {
  blob_id: string;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Bearer tokens of the PDS token grant; only a SHA-256 of each token is kept. */
export interface AuthTokensTable {
  token_hash: string;
  kind: 'access' | 'refresh';
  user_id: string;
  /** Every token descended from one password grant: a replayed refresh token revokes them all. */
  family: string;
  expires_at: number;
  /** Set when a refresh token has been exchanged (it is single-use). */
  used_at: number | null;
  created_at: number;
}

/** Web UI sessions (cookie); only a SHA-256 of the session id is kept. */
export interface SessionsTable {
  session_hash: string;
  user_id: string;
  expires_at: number;
  created_at: number;
}

/** An upload in progress: created, content received, then completed into its entry. */
export interface UploadsTable {
  id: string;
  drive_id: string;
  file_id: string;
  user_id: string;
  /** Bytes the client announced; null accepts any size within the quota. */
  declared_size: number | null;
  state: 'open' | 'received' | 'completed';
  /** The staged content, once received; also set on the entry so crash recovery keeps it. */
  blob_id: string | null;
  size: number | null;
  content_hash: string | null;
  /** The upload URL stops working at this time. */
  expires_at: number;
  created_at: number;
  updated_at: number;
  /**
   * Parts the upload is made of: 1 is a single-part upload (content recorded on this row);
   * more is a multipart upload whose parts are rows of `upload_parts` until complete.
   */
  part_count: number;
}

/** A part of a multipart upload, received and published; joined into one blob at complete. */
export interface UploadPartsTable {
  upload_id: string;
  part_number: number;
  blob_id: string;
  size: number;
  /** SHA-1 of the part, upper-case hex: the ETag its PUT answered. */
  etag: string;
  created_at: number;
}

/** Nonces of signed NAS requests, kept until the request's date leaves the accepted window. */
export interface SignatureNoncesTable {
  access_key_id: string;
  nonce: string;
  expires_at: number;
}

/**
 * One failed sign-in (a wrong password, or a NAS signature that did not check out) per row,
 * for each subject it counts against: `account:<user name>`, `key:<AccessKeyId>`,
 * `address:<client address>`. Counted over the last window on every node.
 */
export interface SignInFailuresTable {
  id: Generated<number>;
  subject: string;
  at: number;
}

/** One recorded action (migration 0017); only ever inserted, and pruned by age. */
export interface AuditTable {
  id: Generated<number>;
  at: number;
  /** Null for what Salvage does by itself (retention). */
  actor_id: string | null;
  dialect: string;
  action: string;
  drive_id: string | null;
  item_id: string | null;
  name: string | null;
  path: string | null;
  bytes: number | null;
  job_id: number | null;
  outcome: string;
  detail: Generated<string>;
}

export type AuditRow = Selectable<AuditTable>;

export type EntryRow = Selectable<EntriesTable>;
export type NewEntryRow = Insertable<EntriesTable>;
export type DriveRow = Selectable<DrivesTable>;
export type JobRow = Selectable<JobsTable>;
export type UserRow = Selectable<UsersTable>;

/** The background marking's queue: one row per trash root whose marks are being set or cleared. */
export interface SearchMarksTable {
  drive_id: string;
  root_id: string;
  state: 'marking' | 'unmarking';
}

/** Folders under a trash root whose children are still to be marked. */
export interface SearchMarkFrontierTable {
  drive_id: string;
  root_id: string;
  folder_id: string;
  after_name: string | null;
  after_id: string | null;
}

/** A failed item of a job, for its report: at most 10,000 a job, numbered from 0 by `seq`. */
export interface JobFailuresTable {
  job_id: number;
  seq: number;
  item_id: string;
  /** Where the item was (a bin item's original path); '' when unknown. */
  path: string;
  /** The core's error code (RetentionLocked, QuotaExceeded, EntryNotFound, ...). */
  code: string;
  message: string;
}

/** A WebDAV lock on a path of a drive (migration 0020). */
export interface DavLocksTable {
  token: string;
  drive_id: string;
  /** Drive-relative, no leading or trailing slash; '' is the root folder. */
  path: string;
  depth: string;
  scope: string;
  owner_xml: string;
  user_id: string;
  timeout_sec: number;
  created_at: number;
  expires_at: number;
}

/** A WebDAV dead property of an entry (migration 0021). */
export interface DeadPropertiesTable {
  drive_id: string;
  entry_id: string;
  ns: string;
  name: string;
  xml: string;
}
