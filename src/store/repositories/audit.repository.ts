import { type ExpressionBuilder, type Insertable, sql, type SqlBool } from 'kysely';
import type { AuditRow, AuditTable, Database } from '../schema.js';
import type { Db } from '../store.js';

/** Appends one audit record; the caller's handle decides which transaction it joins. */
export async function insertAudit(db: Db, row: Insertable<AuditTable> | Insertable<AuditTable>[]): Promise<void> {
  if (Array.isArray(row) && row.length === 0) return;
  await db.insertInto('audit').values(row).execute();
}

export interface AuditFilter {
  driveId?: string;
  actorId?: string;
  action?: string;
  /** Inclusive bounds on `at`, in ms. */
  from?: number;
  to?: number;
  /** Only records of these drives. */
  driveIds?: readonly string[];
  /** Only records of the live drives this user owns (a join: for an owner of very many drives). */
  ownerId?: string;
}

function matching(f: AuditFilter) {
  return (eb: ExpressionBuilder<Database, 'audit'>) => {
    const terms = [];
    if (f.driveId !== undefined) terms.push(eb('audit.drive_id', '=', f.driveId));
    if (f.actorId !== undefined) terms.push(eb('audit.actor_id', '=', f.actorId));
    if (f.action !== undefined) terms.push(eb('audit.action', '=', f.action));
    if (f.from !== undefined) terms.push(eb('audit.at', '>=', f.from));
    if (f.to !== undefined) terms.push(eb('audit.at', '<=', f.to));
    if (f.driveIds !== undefined) terms.push(eb('audit.drive_id', 'in', [...f.driveIds]));
    if (f.ownerId !== undefined) {
      const owned = eb.selectFrom('drives').select('drives.id').where('drives.owner_id', '=', f.ownerId).where('drives.status', '=', 'enabled');
      terms.push(eb('audit.drive_id', 'in', owned));
    }
    return terms.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(terms);
  };
}

/** One page, newest first (by time, then id: records of one millisecond keep their order). */
export async function pageAudit(db: Db, f: AuditFilter, page: { offset: number; limit: number }): Promise<AuditRow[]> {
  return db
    .selectFrom('audit')
    .selectAll()
    .where(matching(f))
    .orderBy('audit.at', 'desc')
    .orderBy('audit.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAudit(db: Db, f: AuditFilter): Promise<number> {
  const row = await db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).where(matching(f)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The records after `before` in newest-first order (keyset, row-value form so it is one
 * index range): an export reads the table in such batches and never holds all of it.
 */
export async function auditBatch(db: Db, f: AuditFilter, batch: { before?: { at: number; id: number }; limit: number }): Promise<AuditRow[]> {
  let q = db.selectFrom('audit').selectAll().where(matching(f));
  if (batch.before) q = q.where(sql<SqlBool>`(audit.at, audit.id) < (${batch.before.at}, ${batch.before.id})`);
  return q.orderBy('audit.at', 'desc').orderBy('audit.id', 'desc').limit(batch.limit).execute();
}

/** The record that queued job `jobId`: its job's end is recorded as coming by the same way. */
export async function acceptedRecordOfJob(db: Db, jobId: number, action: string): Promise<AuditRow | undefined> {
  return db
    .selectFrom('audit')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('action', '=', action)
    .where('outcome', 'in', ['accepted', 'succeeded'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Deletes at most `limit` of the oldest records before `before`; answers how many went. */
export async function deleteAuditBefore(db: Db, before: number, limit: number): Promise<number> {
  const oldest = db.selectFrom('audit').select('id').where('at', '<', before).orderBy('at').limit(limit);
  const result = await db.deleteFrom('audit').where('id', 'in', oldest).executeTakeFirst();
  return Number(result.numDeletedRows);
}
