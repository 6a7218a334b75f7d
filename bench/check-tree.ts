import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../src/store/schema.js';
import type { Db } from '../src/store/store.js';

/**
 * Recomputes what the counters should be and lists every disagreement: a folder's
 * tree_count/tree_bytes against its live children, a file's against its size, the drive's
 * used_size against its files and bin_bytes against its trash roots. The benchmarks run
 * it after seeding (was the seed right?) and after purging (did the purge keep them?).
 * The same queries run on SQLite and PostgreSQL.
 */
export async function checkTree(db: Db, driveId: string): Promise<string[]> {
  const problems: string[] = [];
  const folders = await sql<{ id: string; tree_count: number; tree_bytes: number; n: number | null; b: number | null }>`
    select p.id, p.tree_count, p.tree_bytes, c.n, c.b from entries p
    left join (select parent_id, sum(tree_count) n, sum(tree_bytes) b from entries
               where drive_id = ${driveId} and trashed_at is null group by parent_id) c on c.parent_id = p.id
    where p.drive_id = ${driveId} and p.type = 'folder'
      and (p.tree_count <> 1 + coalesce(c.n, 0) or p.tree_bytes <> coalesce(c.b, 0))
    limit 5`.execute(db);
  for (const f of folders.rows) {
    problems.push(`folder ${f.id}: tree_count ${f.tree_count} (children say ${1 + Number(f.n ?? 0)}), tree_bytes ${f.tree_bytes} (children say ${f.b ?? 0})`);
  }
  const files = await sql<{ n: number }>`
    select count(*) n from entries
    where drive_id = ${driveId} and type = 'file' and (tree_count <> 1 or tree_bytes <> size)`.execute(db);
  if (Number(files.rows[0]!.n) > 0) problems.push(`${files.rows[0]!.n} files whose counters differ from their size`);
  const drive = await sql<{ used_size: number; bin_bytes: number; files: number; bin: number }>`
    select d.used_size, d.bin_bytes,
      (select coalesce(sum(size), 0) from entries where drive_id = d.id and type = 'file' and status = 'available') files,
      (select coalesce(sum(tree_bytes), 0) from entries where drive_id = d.id and trashed_at is not null) bin
    from drives d where d.id = ${driveId}`.execute(db);
  const d = drive.rows[0]!;
  if (Number(d.used_size) !== Number(d.files)) problems.push(`drive used_size ${d.used_size}, files hold ${d.files}`);
  if (Number(d.bin_bytes) !== Number(d.bin)) problems.push(`drive bin_bytes ${d.bin_bytes}, trash roots hold ${d.bin}`);
  return problems;
}

export async function assertTree(db: Db, driveId: string, when: string): Promise<void> {
  const problems = await checkTree(db, driveId);
  if (problems.length > 0) throw new Error(`counters inconsistent ${when}:\n  ${problems.join('\n  ')}`);
}

/** The same check on a SQLite file no node has open (the memory benchmark's, between its children). */
export async function assertTreeInFile(file: string, driveId: string, when: string): Promise<void> {
  // Not readonly: a read-only connection cannot open a WAL database whose -shm file is gone.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
  try {
    await assertTree(db, driveId, when);
  } finally {
    await db.destroy();
  }
}
