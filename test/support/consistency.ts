import { sql } from 'kysely';
import { nameKey } from '../../src/core/entries/name-key.js';
import type { Salvage } from '../../src/core/salvage.js';
import type { Db } from '../../src/store/store.js';

/**
 * Recomputes, from the rows themselves, every counter Salvage maintains incrementally
 * (each entry's subtree bytes and count and its name's sort key, each drive's used and bin
 * bytes) and returns the disagreements; an empty list means the store is consistent.
 */
export async function inconsistencies(salvage: Salvage, driveId: string): Promise<string[]> {
  return driveInconsistencies(salvage.ctx.store.db, driveId);
}

/**
 * {@link inconsistencies} through any query handle (the core's, an auditor's own
 * `openStore`, or a transaction of either), on SQLite and PostgreSQL alike.
 */
export async function driveInconsistencies(db: Db, driveId: string): Promise<string[]> {
  const problems: string[] = [];
  const entries = await db
    .selectFrom('entries')
    .select(['id', 'parent_id', 'name', 'name_key', 'type', 'size', 'status', 'tree_bytes', 'tree_count', 'trashed_at'])
    .where('drive_id', '=', driveId)
    .execute();
  const children = new Map<string, { bytes: number; count: number }>();
  for (const e of entries) {
    if (e.trashed_at !== null || e.parent_id === null) continue;
    const agg = children.get(e.parent_id) ?? { bytes: 0, count: 0 };
    agg.bytes += Number(e.tree_bytes);
    agg.count += Number(e.tree_count);
    children.set(e.parent_id, agg);
  }
  let fileBytes = 0;
  let binBytes = 0;
  for (const e of entries) {
    const own = e.type === 'file' && e.status === 'available' ? Number(e.size) : 0;
    fileBytes += own;
    const below = children.get(e.id) ?? { bytes: 0, count: 0 };
    if (Number(e.tree_bytes) !== own + below.bytes) problems.push(`${e.id}: tree_bytes ${e.tree_bytes} != ${own + below.bytes}`);
    if (Number(e.tree_count) !== 1 + below.count) problems.push(`${e.id}: tree_count ${e.tree_count} != ${1 + below.count}`);
    if (e.trashed_at !== null) binBytes += Number(e.tree_bytes);
    if (e.name_key !== nameKey(e.name)) problems.push(`${e.id}: name_key ${JSON.stringify(e.name_key)} is not the key of ${JSON.stringify(e.name)}`);
    // Only the root and bin items hang from nothing (a bin item does once its old folder is purged).
    if (e.parent_id === null && e.id !== 'root' && e.trashed_at === null) problems.push(`${e.id}: live entry without a parent`);
  }
  const drive = await db.selectFrom('drives').select(['used_size', 'bin_bytes']).where('id', '=', driveId).executeTakeFirstOrThrow();
  if (Number(drive.used_size) !== fileBytes) problems.push(`drive used_size ${drive.used_size} != ${fileBytes}`);
  if (Number(drive.bin_bytes) !== binBytes) problems.push(`drive bin_bytes ${drive.bin_bytes} != ${binBytes}`);
  const dangling = await sql<{ n: number }>`
    select count(*) as n from entries c
    where c.drive_id = ${driveId} and c.parent_id is not null
      and not exists (select 1 from entries p where p.drive_id = c.drive_id and p.id = c.parent_id)`.execute(db);
  if (Number(dangling.rows[0]?.n ?? 0) > 0) problems.push(`${dangling.rows[0]?.n} entries point to a missing parent`);
  return problems;
}
