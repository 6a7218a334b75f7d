import type { Db } from '../store.js';

/** Records one failure against each subject, in one statement. */
export async function insertSignInFailures(db: Db, subjects: readonly string[], at: number): Promise<void> {
  if (subjects.length === 0) return;
  await db
    .insertInto('sign_in_failures')
    .values(subjects.map((subject) => ({ subject, at })))
    .execute();
}

/**
 * The times of a subject's failures after `since`, oldest first, at most `limit` of them
 * (the caller needs no more than its limit to decide, nor to say when the oldest expires).
 */
export async function failuresSince(db: Db, subject: string, since: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .select('at')
    .where('subject', '=', subject)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.at)).reverse();
}

export async function deleteSignInFailures(db: Db, subject: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('subject', '=', subject).execute();
}

/** Housekeeping: failures older than the window count against no one. */
export async function deleteSignInFailuresBefore(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('sign_in_failures').where('at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
