import type { DriveTx, Db } from '../store.js';

/** A failed item of a job, as its report lists it. */
export interface JobFailure {
  itemId: string;
  /** Where the item was ('' when unknown). */
  path: string;
  /** The core's error code. */
  code: string;
  message: string;
}

/** Records failures numbered from `firstSeq`, in the transaction of the batch that failed them. */
export async function insertJobFailures(w: DriveTx, jobId: number, firstSeq: number, failures: readonly JobFailure[]): Promise<void> {
  if (failures.length === 0) return;
  const rows = failures.map((f, i) => ({ job_id: jobId, seq: firstSeq + i, item_id: f.itemId, path: f.path, code: f.code, message: f.message }));
  await w.tx.insertInto('job_failures').values(rows).execute();
}

/** One page of a job's failures in the order they happened, after `afterSeq`. */
export async function pageJobFailures(db: Db, jobId: number, q: { afterSeq: number; limit: number }): Promise<(JobFailure & { seq: number })[]> {
  const rows = await db
    .selectFrom('job_failures')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('seq', '>', q.afterSeq)
    .orderBy('seq')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), itemId: r.item_id, path: r.path, code: r.code, message: r.message }));
}
