import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Retention locks and job reports (issue 14 items 5 and 6).
 *
 * A drive's lock is two nullable columns, both null when there is none: the mode
 * ('governance' or 'compliance') and the minimum days a bin item is kept. They are read
 * with the drive row every write already locks, so checking them costs no query.
 *
 * `job_failures` holds each failed item of a job (its id, path and why), written in the
 * transaction of the batch that failed it, numbered by `seq` from 0 in the order they
 * failed; a job keeps at most 10,000 (the job's `failed` counts them all). The key is the
 * report's order, so a report is one index range read, and the rows go with their job.
 */
export async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.alterTable('drives').addColumn('lock_mode', 'text').execute();
  await db.schema.alterTable('drives').addColumn('lock_min_days', 'integer').execute();
  await db.schema
    .createTable('job_failures')
    .addColumn('job_id', t.int64, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_failures_pk', ['job_id', 'seq'])
    .execute();
}
