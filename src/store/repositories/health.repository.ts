import { sql } from 'kysely';
import type { Db } from '../store.js';

/** Whether the database answers a trivial query now; never throws. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
