import { type ExpressionBuilder, type Insertable, sql, type SqlBool } from 'kysely';
import type { Job, JobState, JobStateMatch } from '../../core/types.js';
import type { Database, JobRow, JobsTable } from '../schema.js';
import type { Db, StoreCapabilities } from '../store.js';

export const toJob = (r: JobRow): Job => ({
  id: Number(r.id),
  driveId: r.drive_id,
  type: r.type,
  state: r.state,
  phase: r.phase as Job['phase'],
  exclusive: r.exclusive === 1,
  cancelRequested: r.cancel_requested === 1,
  targetId: r.target_id,
  targetName: r.target_name,
  params: JSON.parse(r.params) as Record<string, unknown>,
  total: Number(r.total),
  processed: Number(r.processed),
  failed: Number(r.failed),
  errorCode: r.error_code,
  errorMessage: r.error_message,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  startedAt: r.started_at === null ? null : Number(r.started_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  updatedAt: Number(r.updated_at),
  leaseOwner: r.lease_owner,
  leaseExpiresAt: r.lease_expires_at === null ? null : Number(r.lease_expires_at),
  attempts: Number(r.attempts),
});

export async function insertJob(db: Db, row: Insertable<JobsTable>): Promise<Job> {
  const inserted = await db.insertInto('jobs').values(row).returningAll().executeTakeFirstOrThrow();
  return toJob(inserted);
}

export async function getJob(db: Db, id: number): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toJob(row);
}

/** Restore/delete/clear/expire jobs on the drive that are queued or running, oldest first. */
export async function activeExclusiveJobs(db: Db, driveId: string): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('drive_id', '=', driveId)
    .where('exclusive', '=', 1)
    // Literals, so SQLite can use the partial index jobs_active_by_drive (a bound
    // parameter never matches an index's WHERE): without it every restore and delete
    // read all of the drive's jobs kept for 7 days.
    .where(sql<SqlBool>`state in ('queued', 'running')`)
    .orderBy('id')
    .execute();
  return rows.map(toJob);
}

export interface JobListQuery {
  driveId?: string;
  /** Only jobs on drives of this owner (admin: undefined). */
  ownerId?: string;
  /** A job matches if it matches any of these; an empty list matches none. */
  states?: readonly JobStateMatch[];
  types?: Job['type'][];
  /** Keyset: jobs with a smaller id than this (newest first). */
  beforeId?: number;
  offset?: number;
  limit: number;
}

export async function listJobs(db: Db, q: JobListQuery): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll('jobs');
  if (q.ownerId !== undefined) {
    query = query.innerJoin('drives', 'drives.id', 'jobs.drive_id').where('drives.owner_id', '=', q.ownerId);
  }
  if (q.driveId !== undefined) query = query.where('jobs.drive_id', '=', q.driveId);
  if (q.states) query = query.where(inStates(q.states));
  if (q.types) query = query.where('jobs.type', 'in', q.types);
  if (q.beforeId !== undefined) query = query.where('jobs.id', '<', q.beforeId);
  query = query.orderBy('jobs.id', 'desc').limit(q.limit);
  if (q.offset) query = query.offset(q.offset);
  return (await query.execute()).map(toJob);
}

export async function countJobs(db: Db, q: Omit<JobListQuery, 'limit' | 'offset' | 'beforeId'>): Promise<number> {
  let query = db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'));
  if (q.ownerId !== undefined) {
    query = query.innerJoin('drives', 'drives.id', 'jobs.drive_id').where('drives.owner_id', '=', q.ownerId);
  }
  if (q.driveId !== undefined) query = query.where('jobs.drive_id', '=', q.driveId);
  if (q.states) query = query.where(inStates(q.states));
  if (q.types) query = query.where('jobs.type', 'in', q.types);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * `state in (...)` for the plain states, OR'd with `(state = s and phase in (...))` for
 * each narrowed one: one predicate, so listing and counting page in the database.
 */
function inStates(matches: readonly JobStateMatch[]) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) => {
    const plain = matches.filter((m): m is JobState => typeof m === 'string');
    const narrowed = matches.filter((m) => typeof m !== 'string');
    const terms = narrowed.map((m) =>
      m.phases.length === 0 ? sql<SqlBool>`1 = 0` : eb.and([eb('jobs.state', '=', m.state), eb('jobs.phase', 'in', [...m.phases])]),
    );
    if (plain.length > 0) terms.unshift(eb('jobs.state', 'in', plain));
    return terms.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(terms);
  };
}

/**
 * Claims the oldest runnable job and stamps this node as its owner in one guarded update
 * (graphile-worker style). Runnable: queued and not behind a running or older queued
 * exclusive job on its drive; or running with an expired lease (its node died). On
 * PostgreSQL the candidates are read `for update skip locked`, so nodes never wait on
 * each other, and the partial unique index `jobs_one_running` refuses a second running
 * exclusive job on a drive even under races.
 *
 * `running` are the jobs the claiming node runs right now. One of them whose lease ran
 * out during a slow batch is not dead, and the owner guard cannot tell two runs on one
 * node apart: claimed again, it would run twice at once (on PostgreSQL the two runs'
 * progress updates then overwrite each other).
 */
export async function claimNextJob(
  db: Db,
  caps: StoreCapabilities,
  owner: string,
  now: number,
  leaseMs: number,
  running: readonly number[] = [],
): Promise<Job | undefined> {
  let candidates = db
    .selectFrom('jobs')
    .select(['id', 'drive_id', 'state', 'exclusive'])
    // Redundant with the OR below, but it lets SQLite use the partial index jobs_pending;
    // literals, because a bound parameter never matches the index's WHERE. Without it every
    // poll scanned all the jobs kept for 7 days (10 ms per claim at 100,000 finished jobs,
    // inside a write transaction).
    .where(sql<SqlBool>`state in ('queued', 'running')`)
    .where((eb) =>
      eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', now)])]),
    )
    .orderBy('id')
    .limit(50);
  if (running.length > 0) candidates = candidates.where('id', 'not in', [...running]);
  if (caps.rowLocks) candidates = candidates.forUpdate().skipLocked();
  const rows = await candidates.execute();

  const blockedDrives = new Set<string>();
  for (const c of rows) {
    if (c.state === 'queued' && c.exclusive === 1) {
      if (blockedDrives.has(c.drive_id)) continue;
      blockedDrives.add(c.drive_id); // older-first: later exclusive jobs on this drive wait
      const running = await db
        .selectFrom('jobs')
        .select('id')
        .where('drive_id', '=', c.drive_id)
        .where('state', '=', 'running')
        .where('exclusive', '=', 1)
        .executeTakeFirst();
      if (running) continue;
    }
    const claimed = await db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        lease_owner: owner,
        lease_expires_at: now + leaseMs,
        attempts: eb('attempts', '+', 1),
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
        updated_at: now,
      }))
      .where('id', '=', c.id)
      .where((eb) =>
        eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', now)])]),
      )
      .returningAll()
      .executeTakeFirst();
    if (claimed) return toJob(claimed);
  }
  return undefined;
}

export type JobPatch = Partial<
  Pick<
    JobsTable,
    | 'state'
    | 'phase'
    | 'total'
    | 'processed'
    | 'failed'
    | 'error_code'
    | 'error_message'
    | 'finished_at'
    | 'lease_owner'
    | 'lease_expires_at'
    | 'cancel_requested'
    | 'params'
  >
>;

/**
 * Updates a running job only while `owner` still holds it; returns false when the lease
 * was lost (another node took the job over), so the caller stops at once.
 */
export async function updateOwnedJob(db: Db, id: number, owner: string, now: number, patch: JobPatch): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Updates a job only while it is in one of `states`; returns whether it did. */
export async function updateJobInState(
  db: Db,
  id: number,
  states: JobState[],
  now: number,
  patch: JobPatch,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', states)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** On a single-process store, jobs left running by this node's previous life: take them back now. */
export async function expireAllLeases(db: Db, now: number): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_expires_at: now - 1 })
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteFinishedJobsBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('jobs').where('finished_at', '<', before).execute();
}
