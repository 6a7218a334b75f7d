import { type ExpressionBuilder, type Insertable, sql, type SqlBool } from 'kysely';
import type { Job, JobState, JobStateMatch, MemberRole } from '../../core/types.js';
import { type Caller, callerOfToken, toCaller } from './caller.repository.js';
import { asMemberRole } from './drive-members.repository.js';
import type { Database, JobRow, JobsTable } from '../schema.js';
import { isUniqueViolation } from '../unique-violation.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db, DriveTx, StoreCapabilities } from '../store.js';
import { JOB_COLUMNS, qualified } from './columns.js';

export const toJob = (r: JobRow): Job =>
  ({
    id: Number(r.id),
    driveId: r.drive_id,
    type: r.type,
    state: r.state,
    phase: r.phase as Job['phase'],
    cancelRequested: r.cancel_requested === 1,
    targetId: r.target_id,
    targetName: r.target_name,
    params: JSON.parse(r.params),
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
  }) as Job;

export async function insertJob(w: DriveTx, row: Omit<Insertable<JobsTable>, 'drive_id'>): Promise<Job> {
  const inserted = await w.tx
    .insertInto('jobs')
    .values({ ...row, drive_id: w.driveId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toJob(inserted);
}

const jobById = preparedQuery((db, $: { id: number }) => db.selectFrom('jobs').select(JOB_COLUMNS).where('id', '=', $.id));

export async function getJob(db: Db, id: number): Promise<Job | undefined> {
  const [row] = await jobById(db, { id });
  return row && toJob(row);
}

const jobAndOwnerById = preparedQuery((db, $: { id: number }) =>
  db
    .selectFrom('jobs')
    .innerJoin('drives', 'drives.id', 'jobs.drive_id')
    .select(qualified('jobs', JOB_COLUMNS))
    .select('drives.owner_id as drive_owner_id')
    .where('jobs.id', '=', $.id),
);

/** A job and the owner of its drive, in one query: who may see a job is decided by that owner. */
export async function getJobAndDriveOwner(db: Db, id: number): Promise<{ job: Job; driveOwnerId: string } | undefined> {
  const [row] = await jobAndOwnerById(db, { id });
  return row && { job: toJob(row), driveOwnerId: row.drive_owner_id };
}

const jobForCallerById = preparedQuery((db, $: { hash: string; id: number }) =>
  db
    .selectFrom(callerOfToken(db, $.hash).as('caller'))
    .leftJoin('jobs', (join) => join.on('jobs.id', '=', $.id))
    .leftJoin('drives', 'drives.id', 'jobs.drive_id')
    .leftJoin('drive_members', (join) => join.onRef('drive_members.drive_id', '=', 'jobs.drive_id').onRef('drive_members.user_id', '=', 'caller.caller_id'))
    .leftJoin('users as creator', 'creator.id', 'jobs.created_by')
    .select(qualified('jobs', JOB_COLUMNS))
    .select(['caller.caller_id', 'caller.caller_is_admin', 'caller.caller_expires_at'])
    .select(['drives.owner_id as drive_owner_id', 'drive_members.role as member_role', 'creator.name as creator_name']),
);

/** What one `async_task/get` needs, read in one statement (see caller.repository.ts). */
export interface JobForCaller {
  caller: Caller;
  /** Undefined when there is no such job. */
  job?: { job: Job; driveOwnerId: string; memberRole: MemberRole | undefined; creatorName: string | undefined };
}

/**
 * The access token's caller and, if there is such a job, the job with its drive's owner,
 * the caller's member role on that drive and the stored name of the job's creator.
 * Undefined when the token names no enabled user.
 */
export async function findJobForCaller(db: Db, input: { hash: string; id: number }): Promise<JobForCaller | undefined> {
  const [row] = await jobForCallerById(db, input);
  if (!row) return undefined;
  const caller = toCaller(row);
  if (row.id === null || row.drive_owner_id === null) return { caller };
  const { caller_id: _id, caller_is_admin: _admin, caller_expires_at: _expires, drive_owner_id, member_role, creator_name, ...job } = row;
  return {
    caller,
    job: {
      job: toJob(job as JobRow),
      driveOwnerId: drive_owner_id,
      memberRole: member_role === null ? undefined : asMemberRole(member_role),
      creatorName: creator_name ?? undefined,
    },
  };
}

/** The drive's queued and running jobs, oldest first. */
export async function activeJobs(db: Db, driveId: string): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('drive_id', '=', driveId)
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
  /**
   * Only jobs on drives this user owns or is a member of; undefined for all (admin). Never
   * optional: a listing that forgets it would show everyone's jobs.
   */
  visibleTo: string | undefined;
  /** A job matches if it matches any of these; an empty list matches none. */
  states?: readonly JobStateMatch[];
  types?: Job['type'][];
  /** Keyset: jobs with a smaller id than this (newest first). */
  beforeId?: number;
  offset?: number;
  limit: number;
}

/** `jobs.drive_id` names a drive the user owns or is a member of. */
function onDrivesOf(userId: string) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.or([
      eb('jobs.drive_id', 'in', eb.selectFrom('drives').select('drives.id').where('drives.owner_id', '=', userId)),
      eb('jobs.drive_id', 'in', eb.selectFrom('drive_members').select('drive_members.drive_id').where('drive_members.user_id', '=', userId)),
    ]);
}

export async function listJobs(db: Db, q: JobListQuery): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll('jobs');
  if (q.visibleTo !== undefined) query = query.where(onDrivesOf(q.visibleTo));
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
  if (q.visibleTo !== undefined) query = query.where(onDrivesOf(q.visibleTo));
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

export interface ClaimInput {
  owner: string;
  now: number;
  leaseMs: number;
  /**
   * The jobs the claiming node runs right now. One of them whose lease ran out during a
   * slow batch is not dead, and the owner guard cannot tell two runs on one node apart:
   * claimed again, it would run twice at once.
   */
  running: readonly number[];
}

/**
 * Claims the oldest runnable job and stamps this node as its owner in one statement, as
 * graphile-worker's getJobs does. Runnable: running with an expired lease (its node
 * died), or queued with no job running on its drive and no older queued job there (one
 * job per drive at a time, in the order they were asked). On PostgreSQL the pick is
 * `for update skip locked`, so nodes never wait on each other, and the partial unique
 * index jobs_one_running refuses a second running job on a drive even under races.
 *
 * It needs no drive lock: the one statement locks only the job row it claims and waits
 * for nothing, so it cannot close a lock cycle with a writer that holds a drive.
 */
export async function claimNextJob(db: Db, caps: StoreCapabilities, input: ClaimInput): Promise<Job | undefined> {
  const { owner, now, leaseMs, running } = input;
  const claimable = (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.or([eb('jobs.state', '=', 'queued'), eb.and([eb('jobs.state', '=', 'running'), eb('jobs.lease_expires_at', '<', now)])]);
  let pick = db
    .selectFrom('jobs as j')
    .select('j.id')
    // Redundant with the test below, but it lets SQLite use the partial index
    // jobs_pending; literals, because a bound parameter never matches the index's WHERE.
    // Without it every poll scanned all the jobs kept for 7 days.
    .where(sql<SqlBool>`j.state in ('queued', 'running')`)
    .where((eb) =>
      eb.or([
        eb.and([eb('j.state', '=', 'running'), eb('j.lease_expires_at', '<', now)]),
        eb.and([
          eb('j.state', '=', 'queued'),
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs as o')
                .select('o.id')
                .whereRef('o.drive_id', '=', 'j.drive_id')
                .where(sql<SqlBool>`o.state in ('queued', 'running')`)
                .where((o) => o.or([o('o.state', '=', 'running'), o('o.id', '<', o.ref('j.id'))])),
            ),
          ),
        ]),
      ]),
    )
    .orderBy('j.id')
    .limit(1);
  if (running.length > 0) pick = pick.where('j.id', 'not in', [...running]);
  if (caps.rowLocks) pick = pick.forUpdate().skipLocked();
  try {
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
      .where('id', '=', (eb) => eb.selectFrom(pick.as('p')).select('p.id'))
      .where(claimable)
      .returningAll()
      .executeTakeFirst();
    return claimed && toJob(claimed);
  } catch (err) {
    // Two nodes raced for jobs of one drive and the index let one win: try again later.
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
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

/** One step's progress, added to a running job's counters with a fresh lease. */
export interface StepProgress {
  processed: number;
  failed: number;
  phase?: string;
  total?: number;
  /** JSON of the job's parameters, when the step replaced them. */
  params?: string;
  leaseExpiresAt: number;
}

/**
 * Records a step of a running job and renews its lease, in one statement that also checks
 * the step may stand: `owner` still holds the job and no cancel was requested. Returns the
 * job as it now is, or undefined when it may not (the caller reads the job to learn why,
 * and rolls the step back).
 */
export async function recordOwnedStep(
  w: DriveTx,
  guard: { id: number; owner: string; now: number },
  step: StepProgress,
): Promise<Job | undefined> {
  const row = await w.tx
    .updateTable('jobs')
    .set((eb) => ({
      processed: eb('processed', '+', step.processed),
      failed: eb('failed', '+', step.failed),
      ...(step.phase !== undefined && { phase: step.phase }),
      ...(step.total !== undefined && { total: step.total }),
      ...(step.params !== undefined && { params: step.params }),
      lease_expires_at: step.leaseExpiresAt,
      updated_at: guard.now,
    }))
    .where('id', '=', guard.id)
    .where('drive_id', '=', w.driveId)
    .where('state', '=', 'running')
    .where('lease_owner', '=', guard.owner)
    .where('cancel_requested', '=', 0)
    .returningAll()
    .executeTakeFirst();
  return row && toJob(row);
}

/**
 * Updates a running job only while `owner` still holds it; returns false when the lease
 * was lost (another node took the job over), so the caller stops at once.
 */
export async function updateOwnedJob(
  w: DriveTx,
  guard: { id: number; owner: string; now: number },
  patch: JobPatch,
): Promise<boolean> {
  const result = await w.tx
    .updateTable('jobs')
    .set({ ...patch, updated_at: guard.now })
    .where('id', '=', guard.id)
    .where('drive_id', '=', w.driveId)
    .where('state', '=', 'running')
    .where('lease_owner', '=', guard.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Updates a job only while it is in one of `states`; returns whether it did. */
export async function updateJobInState(
  w: DriveTx,
  guard: { id: number; states: JobState[]; now: number },
  patch: JobPatch,
): Promise<boolean> {
  const result = await w.tx
    .updateTable('jobs')
    .set({ ...patch, updated_at: guard.now })
    .where('id', '=', guard.id)
    .where('drive_id', '=', w.driveId)
    .where('state', 'in', guard.states)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * On a single-process store, jobs left running by this node's previous life: take them
 * back now. At start, before any request or job runs, so no drive lock is needed.
 */
export async function expireAllLeases(db: Db, now: number): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_expires_at: now - 1 })
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Forgets finished jobs: nothing writes a finished job again, so no drive lock is needed. */
export async function deleteFinishedJobsBefore(db: Db, before: number): Promise<void> {
  // Their reports first: a job's failed items go with it.
  const gone = db.selectFrom('jobs').select('id').where('finished_at', '<', before);
  await db.deleteFrom('job_failures').where('job_id', 'in', gone).execute();
  await db.deleteFrom('jobs').where('finished_at', '<', before).execute();
}
