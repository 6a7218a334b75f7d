import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * The audit trail (issue 14 item 4): one row per recorded action, written in the
 * transaction of the change it describes (a refusal in a small write of its own). It
 * outlives what it describes, so it has no foreign keys: a purged item, a deleted drive
 * or user still has its records. Rows are only ever inserted, and removed by housekeeping
 * once older than SALVAGE_AUDIT_RETENTION_DAYS (by `at`).
 *
 * Reads are newest first, filtered by drive, actor or action, so each filter has an index
 * ending in (at, id); `job_id` finds the record that queued a job when the job ends.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('audit')
    .addColumn('id', t.int64, (c) => t.identity(c))
    .addColumn('at', t.int64, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('drive_id', 'text')
    .addColumn('item_id', 'text')
    .addColumn('name', 'text')
    .addColumn('path', 'text')
    .addColumn('bytes', t.int64)
    .addColumn('job_id', t.int64)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('audit_by_time').on('audit').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_by_drive').on('audit').columns(['drive_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_by_actor').on('audit').columns(['actor_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_by_action').on('audit').columns(['action', 'at', 'id']).execute();
  await db.schema.createIndex('audit_by_job').on('audit').column('job_id').execute();
}
