import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Reads a data directory the way an auditor would: the SQLite file opened read-only (WAL
 * lets it sit beside a running server, or a killed one) and the blob directory listed.
 */
export function openReadOnly(dataDir: string): Database.Database {
  return new Database(join(dataDir, 'salvage.db'), { readonly: true, fileMustExist: true });
}

export interface JobFacts {
  id: number;
  type: string;
  state: string;
  processed: number;
  failed: number;
  total: number;
  drive_id: string;
  target_id: string | null;
}

export function readJob(dataDir: string, jobId: number): JobFacts | undefined {
  const db = openReadOnly(dataDir);
  try {
    return db.prepare('select id, type, state, processed, failed, total, drive_id, target_id from jobs where id = ?').get(jobId) as
      | JobFacts
      | undefined;
  } finally {
    db.close();
  }
}

/** Every published blob file: `objects/<2 chars>/<blobId>`. */
export function blobFilesOnDisk(dataDir: string): Set<string> {
  const objects = join(dataDir, 'blobs', 'objects');
  const ids = new Set<string>();
  if (!existsSync(objects)) return ids;
  for (const shard of readdirSync(objects)) for (const id of readdirSync(join(objects, shard))) ids.add(id);
  return ids;
}

export function stagedBlobFiles(dataDir: string): string[] {
  const tmp = join(dataDir, 'blobs', 'tmp');
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

export interface StoreFacts {
  /** Broken rules, in words; empty when the store is consistent. */
  problems: string[];
  referencedBlobs: Set<string>;
  pendingBlobDeletions: Set<string>;
  entries: number;
}

/**
 * Checks the rules a crash must never break, over every drive, in one read transaction:
 * each entry's subtree counters equal the sum over its children (trashed subtrees apart),
 * no entry hangs from a missing parent, `used_size` is the bytes of the drive's files,
 * `bin_bytes` the bytes under its trash roots, and every referenced blob is on disk.
 * A blob on disk that nothing references is allowed only while queued in `blob_gc`
 * (deleted after the commit that freed it).
 */
export function storeFacts(dataDir: string): StoreFacts {
  const db = openReadOnly(dataDir);
  try {
    return db.transaction(() => collect(db, dataDir))();
  } finally {
    db.close();
  }
}

function collect(db: Database.Database, dataDir: string): StoreFacts {
  const problems: string[] = [];
  const badCounters = db
    .prepare(
      `select e.drive_id, e.id, e.tree_count, e.tree_bytes, coalesce(k.c, 0) as c, coalesce(k.b, 0) as b, e.size
         from entries e
         left join (select drive_id, parent_id, sum(tree_count) as c, sum(tree_bytes) as b
                      from entries where trashed_at is null and parent_id is not null
                      group by drive_id, parent_id) k
           on k.drive_id = e.drive_id and k.parent_id = e.id
        where e.tree_count != 1 + coalesce(k.c, 0)
           or e.tree_bytes != (case when e.type = 'file' then e.size else 0 end) + coalesce(k.b, 0)
        limit 5`,
    )
    .all();
  for (const row of badCounters) problems.push(`subtree counters off: ${JSON.stringify(row)}`);

  const orphans = db
    .prepare(
      `select e.drive_id, e.id, e.parent_id from entries e
        where e.parent_id is not null
          and not exists (select 1 from entries p where p.drive_id = e.drive_id and p.id = e.parent_id)
        limit 5`,
    )
    .all();
  for (const row of orphans) problems.push(`entry whose parent is gone: ${JSON.stringify(row)}`);

  const detachedLive = db
    .prepare(`select drive_id, id from entries where parent_id is null and id != 'root' and trashed_at is null limit 5`)
    .all();
  for (const row of detachedLive) problems.push(`live entry without a parent: ${JSON.stringify(row)}`);

  const drives = db
    .prepare(
      `select d.id, d.used_size, d.bin_bytes,
              (select coalesce(sum(size), 0) from entries e where e.drive_id = d.id and e.type = 'file') as file_bytes,
              (select coalesce(sum(tree_bytes), 0) from entries e where e.drive_id = d.id and e.trashed_at is not null) as bin_root_bytes
         from drives d where d.status = 'enabled'`,
    )
    .all() as { id: string; used_size: number; bin_bytes: number; file_bytes: number; bin_root_bytes: number }[];
  for (const d of drives) {
    if (d.used_size !== d.file_bytes) problems.push(`drive ${d.id}: used_size ${d.used_size} != bytes of its files ${d.file_bytes}`);
    if (d.bin_bytes !== d.bin_root_bytes) problems.push(`drive ${d.id}: bin_bytes ${d.bin_bytes} != bytes under bin roots ${d.bin_root_bytes}`);
  }

  const referencedBlobs = new Set(
    (db.prepare('select blob_id from entries where blob_id is not null').all() as { blob_id: string }[]).map((r) => r.blob_id),
  );
  const pendingBlobDeletions = new Set(
    (db.prepare('select blob_id from blob_gc').all() as { blob_id: string }[]).map((r) => r.blob_id),
  );
  const onDisk = blobFilesOnDisk(dataDir);
  const missing = [...referencedBlobs].filter((id) => !onDisk.has(id));
  if (missing.length > 0) problems.push(`${missing.length} referenced blobs missing on disk, e.g. ${missing.slice(0, 3).join(', ')}`);
  const orphaned = [...onDisk].filter((id) => !referencedBlobs.has(id) && !pendingBlobDeletions.has(id));
  if (orphaned.length > 0) problems.push(`${orphaned.length} orphaned blob files (unreferenced, not queued), e.g. ${orphaned.slice(0, 3).join(', ')}`);
  const stillReferenced = [...pendingBlobDeletions].filter((id) => referencedBlobs.has(id));
  if (stillReferenced.length > 0) problems.push(`${stillReferenced.length} blobs queued for deletion but still referenced`);

  const entries = (db.prepare('select count(*) as n from entries').get() as { n: number }).n;
  return { problems, referencedBlobs, pendingBlobDeletions, entries };
}

/** Entries left of the subtree under `rootId` (its counted size), or 0 once it is gone. */
export function subtreeLeft(dataDir: string, driveId: string, rootId: string): number {
  const db = openReadOnly(dataDir);
  try {
    const row = db.prepare('select tree_count from entries where drive_id = ? and id = ?').get(driveId, rootId) as
      | { tree_count: number }
      | undefined;
    return row?.tree_count ?? 0;
  } finally {
    db.close();
  }
}
