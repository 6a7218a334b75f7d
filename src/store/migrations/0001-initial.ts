import { sql, type Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

const live = sql.ref('trashed_at');
const activeStates = ['queued', 'running'];

/** The first schema. Partial indexes carry the rules the design leans on (see comments). */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('drives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('total_size', t.int64, (c) => c.notNull().defaultTo(-1))
    .addColumn('used_size', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('bin_bytes', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('bin_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reserved_days', t.int64, (c) => c.notNull().defaultTo(30))
    .addColumn('bin_enabled_at', t.int64)
    .addColumn('bin_hidden_before', t.int64)
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('file_system_type', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('protocol_type', 'text', (c) => c.notNull().defaultTo('NFS'))
    .addColumn('storage_type', 'text', (c) => c.notNull().defaultTo('Performance'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('enabled'))
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addColumn('updated_at', t.int64, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('drives_owner').on('drives').columns(['owner_id', 'created_at']).execute();

  await db.schema
    .createTable('entries')
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('name', t.bytewiseText, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('content_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_hash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blob_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('available'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addColumn('updated_at', t.int64, (c) => c.notNull())
    .addColumn('accessed_at', t.int64, (c) => c.notNull())
    .addColumn('changed_at', t.int64, (c) => c.notNull())
    .addColumn('tree_bytes', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('tree_count', t.int64, (c) => c.notNull().defaultTo(1))
    .addColumn('trashed_at', t.int64)
    .addColumn('trashed_by', 'text')
    .addColumn('orig_parent_id', 'text')
    .addColumn('orig_path', 'text')
    .addColumn('purge_job_id', t.int64)
    .addPrimaryKeyConstraint('entries_pkey', ['drive_id', 'id'])
    .execute();
  // Names are unique among live children. A trash root leaves its folder's namespace,
  // so a new file may take the name of one in the bin.
  await db.schema
    .createIndex('entries_live_name')
    .unique()
    .on('entries')
    .columns(['drive_id', 'parent_id', 'name'])
    .where(live, 'is', null)
    .execute();
  // Keyset pages of a folder for each sort order.
  const sortKeys = [
    ['entries_by_created', 'created_at'],
    ['entries_by_updated', 'updated_at'],
    ['entries_by_size', 'size'],
  ] as const;
  for (const [name, key] of sortKeys) {
    await db.schema
      .createIndex(name)
      .on('entries')
      .columns(['drive_id', 'parent_id', key, 'id'])
      .where(live, 'is', null)
      .execute();
  }
  // The purge walk looks for leaves (tree_count = 1) and non-empty folders below a folder.
  await db.schema
    .createIndex('entries_by_tree')
    .on('entries')
    .columns(['drive_id', 'parent_id', 'tree_count'])
    .where(live, 'is', null)
    .execute();
  // The bin: trash roots, newest first.
  await db.schema
    .createIndex('entries_bin')
    .on('entries')
    .columns(['drive_id', 'trashed_at', 'id'])
    .where(live, 'is not', null)
    .execute();
  // Items deleted from a given folder (NAS ListRecycledDirectoriesAndFiles).
  await db.schema
    .createIndex('entries_bin_by_origin')
    .on('entries')
    .columns(['drive_id', 'orig_parent_id', 'trashed_at', 'id'])
    .where(live, 'is not', null)
    .execute();
  // Trash roots kept inside a folder a purge removes are detached by parent.
  await db.schema
    .createIndex('entries_bin_by_parent')
    .on('entries')
    .columns(['drive_id', 'parent_id'])
    .where(live, 'is not', null)
    .execute();
  await db.schema
    .createIndex('entries_purge')
    .on('entries')
    .column('purge_job_id')
    .where(sql.ref('purge_job_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('entries_blob')
    .on('entries')
    .column('blob_id')
    .where(sql.ref('blob_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', t.identity)
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('exclusive', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('target_id', 'text')
    .addColumn('target_name', 'text')
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('total', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('processed', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('failed', t.int64, (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addColumn('started_at', t.int64)
    .addColumn('finished_at', t.int64)
    .addColumn('updated_at', t.int64, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', t.int64)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The database, not a check in memory, keeps one running restore/delete/clear per drive.
  await db.schema
    .createIndex('jobs_one_running')
    .unique()
    .on('jobs')
    .column('drive_id')
    .where(sql.ref('state'), '=', 'running')
    .where(sql.ref('exclusive'), '=', 1)
    .execute();
  await db.schema
    .createIndex('jobs_pending')
    .on('jobs')
    .columns(['state', 'id'])
    .where(sql.ref('state'), 'in', activeStates)
    .execute();
  await db.schema.createIndex('jobs_by_drive').on('jobs').columns(['drive_id', 'id']).execute();
  await db.schema
    .createIndex('jobs_active_by_drive')
    .on('jobs')
    .columns(['drive_id', 'id'])
    .where(sql.ref('state'), 'in', activeStates)
    .execute();
  await db.schema
    .createIndex('jobs_finished')
    .on('jobs')
    .column('finished_at')
    .where(sql.ref('finished_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('idempotency')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('params_hash', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pkey', ['user_id', 'token'])
    .execute();
  await db.schema.createIndex('idempotency_age').on('idempotency').column('created_at').execute();

  await db.schema
    .createTable('recycled_dirs')
    .addColumn('drive_id', 'text', (c) => c.notNull())
    .addColumn('dir_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('last_delete_time', t.int64, (c) => c.notNull())
    .addPrimaryKeyConstraint('recycled_dirs_pkey', ['drive_id', 'dir_id'])
    .execute();
  await db.schema
    .createIndex('recycled_dirs_recent')
    .on('recycled_dirs')
    .columns(['drive_id', 'last_delete_time', 'dir_id'])
    .execute();

  await db.schema
    .createTable('blob_gc')
    .addColumn('blob_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', t.int64, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
