import { sql, type Kysely } from 'kysely';

/** The first schema. Partial indexes carry the rules the design leans on (see comments). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table users (
      id text primary key,
      name text not null unique,
      password_hash text not null,
      is_admin integer not null default 0,
      created_at integer not null
    )`,
    sql`create table access_keys (
      id text primary key,
      user_id text not null references users(id),
      secret text not null,
      created_at integer not null
    )`,
    sql`create table drives (
      id text primary key,
      name text not null,
      owner_id text not null references users(id),
      description text not null default '',
      total_size integer not null default -1,
      used_size integer not null default 0,
      bin_bytes integer not null default 0,
      bin_enabled integer not null default 1,
      reserved_days integer not null default 30,
      bin_enabled_at integer,
      bin_hidden_before integer,
      origin text not null,
      file_system_type text not null default 'standard',
      protocol_type text not null default 'NFS',
      storage_type text not null default 'Performance',
      status text not null default 'enabled',
      created_at integer not null,
      updated_at integer not null
    )`,
    sql`create index drives_owner on drives(owner_id, created_at)`,
    sql`create table entries (
      drive_id text not null,
      id text not null,
      parent_id text,
      name text not null,
      type text not null,
      size integer not null default 0,
      content_type text not null default '',
      content_hash text not null default '',
      blob_id text,
      status text not null default 'available',
      created_by text not null,
      created_at integer not null,
      updated_at integer not null,
      accessed_at integer not null,
      changed_at integer not null,
      tree_bytes integer not null default 0,
      tree_count integer not null default 1,
      trashed_at integer,
      trashed_by text,
      orig_parent_id text,
      orig_path text,
      purge_job_id integer,
      primary key (drive_id, id)
    )`,
    // Names are unique among live children. A trash root leaves its folder's namespace,
    // so a new file may take the name of one in the bin.
    sql`create unique index entries_live_name on entries(drive_id, parent_id, name) where trashed_at is null`,
    // Keyset pages of a folder for each sort order.
    sql`create index entries_by_created on entries(drive_id, parent_id, created_at, id) where trashed_at is null`,
    sql`create index entries_by_updated on entries(drive_id, parent_id, updated_at, id) where trashed_at is null`,
    sql`create index entries_by_size on entries(drive_id, parent_id, size, id) where trashed_at is null`,
    // The purge walk looks for leaves (tree_count = 1) and non-empty folders below a folder.
    sql`create index entries_by_tree on entries(drive_id, parent_id, tree_count) where trashed_at is null`,
    // The bin: trash roots, newest first.
    sql`create index entries_bin on entries(drive_id, trashed_at, id) where trashed_at is not null`,
    // Items deleted from a given folder (NAS ListRecycledDirectoriesAndFiles).
    sql`create index entries_bin_by_origin on entries(drive_id, orig_parent_id, trashed_at, id) where trashed_at is not null`,
    // Trash roots kept inside a folder a purge removes are detached by parent.
    sql`create index entries_bin_by_parent on entries(drive_id, parent_id) where trashed_at is not null`,
    sql`create index entries_purge on entries(purge_job_id) where purge_job_id is not null`,
    sql`create index entries_blob on entries(blob_id) where blob_id is not null`,
    sql`create table jobs (
      id integer primary key autoincrement,
      drive_id text not null,
      type text not null,
      state text not null,
      phase text not null default '',
      exclusive integer not null default 1,
      cancel_requested integer not null default 0,
      target_id text,
      target_name text,
      params text not null default '{}',
      total integer not null default 0,
      processed integer not null default 0,
      failed integer not null default 0,
      error_code text,
      error_message text,
      created_by text not null,
      created_at integer not null,
      started_at integer,
      finished_at integer,
      updated_at integer not null,
      lease_owner text,
      lease_expires_at integer,
      attempts integer not null default 0
    )`,
    // The database, not a check in memory, keeps one running restore/delete/clear per drive.
    sql`create unique index jobs_one_running on jobs(drive_id) where state = 'running' and exclusive = 1`,
    sql`create index jobs_pending on jobs(state, id) where state in ('queued', 'running')`,
    sql`create index jobs_by_drive on jobs(drive_id, id)`,
    sql`create index jobs_active_by_drive on jobs(drive_id, id) where state in ('queued', 'running')`,
    sql`create index jobs_finished on jobs(finished_at) where finished_at is not null`,
    sql`create table idempotency (
      user_id text not null,
      token text not null,
      scope text not null,
      params_hash text not null,
      result text not null,
      created_at integer not null,
      primary key (user_id, token)
    )`,
    sql`create index idempotency_age on idempotency(created_at)`,
    sql`create table recycled_dirs (
      drive_id text not null,
      dir_id text not null,
      path text not null,
      last_delete_time integer not null,
      primary key (drive_id, dir_id)
    )`,
    sql`create index recycled_dirs_recent on recycled_dirs(drive_id, last_delete_time, dir_id)`,
    sql`create table blob_gc (
      blob_id text primary key,
      created_at integer not null
    )`,
    sql`create table settings (
      key text primary key,
      value text not null
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}
