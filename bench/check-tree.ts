import BetterSqlite3 from 'better-sqlite3';

/**
 * Recomputes what the counters should be and lists every disagreement: a folder's
 * tree_count/tree_bytes against its live children, a file's against its size, the drive's
 * used_size against its files and bin_bytes against its trash roots. The benchmarks run
 * it after seeding (was the seed right?) and after purging (did the purge keep them?).
 */
export function checkTree(file: string, driveId: string): string[] {
  // Not readonly: a read-only connection cannot open a WAL database whose -shm file is gone.
  const db = new BetterSqlite3(file);
  try {
    const problems: string[] = [];
    const folders = db
      .prepare(
        `select p.id, p.tree_count, p.tree_bytes, c.n, c.b from entries p
         left join (select parent_id, sum(tree_count) n, sum(tree_bytes) b from entries
                    where drive_id = @driveId and trashed_at is null group by parent_id) c on c.parent_id = p.id
         where p.drive_id = @driveId and p.type = 'folder'
           and (p.tree_count <> 1 + coalesce(c.n, 0) or p.tree_bytes <> coalesce(c.b, 0))
         limit 5`,
      )
      .all({ driveId }) as { id: string; tree_count: number; tree_bytes: number; n: number | null; b: number | null }[];
    for (const f of folders) {
      problems.push(`folder ${f.id}: tree_count ${f.tree_count} (children say ${1 + (f.n ?? 0)}), tree_bytes ${f.tree_bytes} (children say ${f.b ?? 0})`);
    }
    const files = db
      .prepare(`select count(*) n from entries where drive_id = ? and type = 'file' and (tree_count <> 1 or tree_bytes <> size)`)
      .get(driveId) as { n: number };
    if (files.n > 0) problems.push(`${files.n} files whose counters differ from their size`);
    const drive = db
      .prepare(
        `select d.used_size, d.bin_bytes,
           (select coalesce(sum(size), 0) from entries where drive_id = d.id and type = 'file' and status = 'available') files,
           (select coalesce(sum(tree_bytes), 0) from entries where drive_id = d.id and trashed_at is not null) bin
         from drives d where d.id = ?`,
      )
      .get(driveId) as { used_size: number; bin_bytes: number; files: number; bin: number };
    if (drive.used_size !== drive.files) problems.push(`drive used_size ${drive.used_size}, files hold ${drive.files}`);
    if (drive.bin_bytes !== drive.bin) problems.push(`drive bin_bytes ${drive.bin_bytes}, trash roots hold ${drive.bin}`);
    return problems;
  } finally {
    db.close();
  }
}

export function assertTree(file: string, driveId: string, when: string): void {
  const problems = checkTree(file, driveId);
  if (problems.length > 0) throw new Error(`counters inconsistent ${when}:\n  ${problems.join('\n  ')}`);
}
