import { acceptedRecordOfJob, insertAudit } from '../../store/repositories/audit.repository.js';
import type { Db, DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import { isDomainError } from '../errors.js';
import { isId } from '../ids.js';
import { isStorableText } from '../text.js';
import type { Actor, Dialect, Job, JobState } from '../types.js';
import type { AuditAction, AuditFacts } from './audit-types.js';

/** One record to append: the facts, when, and who (null: Salvage itself) by which dialect. */
export type AuditEntry = AuditFacts & {
  at: number;
  actor: Actor | null;
  /** Default: the actor's `via`, else `internal`. */
  dialect?: Dialect;
};

/**
 * Appends one record on `db`: pass the transaction of the change it describes, so the
 * record and the change commit or roll back together.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await insertAudit(db, auditRow(entry));
}

/** Several records in one statement (a bulk job's batch: one per item it did). */
export async function recordAudits(db: Db, entries: AuditEntry[]): Promise<void> {
  await insertAudit(db, entries.map(auditRow));
}

function auditRow(entry: AuditEntry) {
  const { at, actor, dialect, ...facts } = entry;
  return {
    at,
    actor_id: actor?.userId ?? null,
    dialect: dialect ?? actor?.via ?? 'internal',
    action: facts.action,
    // A refused request may name anything; only a well-formed id is kept as one.
    drive_id: facts.driveId && isId(facts.driveId) ? facts.driveId : null,
    item_id: facts.itemId ? storable(facts.itemId.slice(0, 256)) : null,
    name: facts.name === null || facts.name === undefined ? null : storable(facts.name),
    path: facts.path ?? null,
    bytes: facts.bytes ?? null,
    job_id: facts.jobId ?? null,
    outcome: facts.outcome,
    detail: storable(facts.detail ?? ''),
  };
}

/**
 * A refused request's input was never checked against the storable-text rule (it may be
 * why it was refused), yet its record must be written: a NUL or lone surrogate becomes
 * U+FFFD, as the pg driver would make it, on both databases.
 */
const storable = (text: string): string => (isStorableText(text) ? text : text.replaceAll('\0', '\uFFFD').toWellFormed());

/** Errors that say nothing was refused: the request never got an answer from the data. */
const notARefusal = new Set(['StoreUnavailable', 'Unauthenticated']);

/**
 * Wraps a core operation so that a refusal (a domain error) is recorded too. The refused
 * change rolled back with its transaction, record and all, so the refusal is written
 * after it, in a small write of its own; if even that fails, the caller still gets the
 * original error.
 */
export function auditRefusals<A extends unknown[], R>(
  ctx: CoreContext,
  what: { action: AuditAction; about: (...args: A) => Omit<AuditFacts, 'action' | 'outcome'> },
  fn: (actor: Actor, ...args: A) => Promise<R>,
): (actor: Actor, ...args: A) => Promise<R> {
  const { action, about } = what;
  return async (actor, ...args) => {
    try {
      return await fn(actor, ...args);
    } catch (err) {
      if (isDomainError(err) && !notARefusal.has(err.code)) {
        const facts: AuditFacts = { ...about(...args), action, outcome: 'refused', detail: err.code };
        await recordAudit(ctx.store.db, { ...facts, at: ctx.clock.now(), actor }).catch(() => undefined);
      }
      throw err;
    }
  };
}

const jobActions: Partial<Record<Job['type'], AuditAction>> = {
  restore: 'restore',
  delete: 'delete',
  clear: 'clear',
  expire: 'expire',
  restore_all: 'restore',
  delete_all: 'delete',
};

/**
 * The dialect a job was asked for by (its accepted record says), for the records its steps
 * write about each item: a bulk job's items are told as that request's.
 */
export async function dialectOfJob(db: Db, job: Pick<Job, 'id' | 'type'>): Promise<Dialect> {
  const action = jobActions[job.type];
  const asked = action && (await acceptedRecordOfJob(db, job.id, action));
  return (asked?.dialect as Dialect | undefined) ?? 'internal';
}

/**
 * A job's end, in the transaction that records its final state. It is told as coming
 * from whoever queued it, by the same dialect (the record of that request says which);
 * an expiry is Salvage's own, by `retention`. Copies are not audited.
 */
export async function recordJobEnd(w: DriveTx, at: number, ended: { job: Job; state: JobState }): Promise<void> {
  const { job, state } = ended;
  const action = jobActions[job.type];
  if (!action || state === 'queued' || state === 'running') return;
  const detail = `processed ${job.processed} of ${job.total}, failed ${job.failed}`;
  const facts: AuditFacts = { action, outcome: state, driveId: job.driveId, jobId: job.id, detail };
  if (action === 'expire') return recordAudit(w.tx, { ...facts, at, actor: null, dialect: 'retention' });
  const asked = await acceptedRecordOfJob(w.tx, job.id, action);
  await recordAudit(w.tx, {
    ...facts,
    itemId: asked?.item_id ?? job.targetId,
    name: asked?.name ?? job.targetName,
    path: asked?.path,
    bytes: asked?.bytes,
    at,
    actor: { userId: job.createdBy, isAdmin: false },
    dialect: (asked?.dialect as Dialect | undefined) ?? 'internal',
  });
}
