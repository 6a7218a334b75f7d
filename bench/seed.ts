import BetterSqlite3 from 'better-sqlite3';
import { treeRows, type TreeInput, type TreeRow, type TreeTotals } from './tree-rows.js';
import { nameKey } from '../src/core/entries/name-key.js';

/**
 * Bulk seeding of SQLite for the benchmarks (PostgreSQL: seed-postgres.ts). Making
 * 1,000,000 entries through the core would take longer than the benchmark itself, so rows
 * (bench/tree-rows.ts) go straight into `entries` with one prepared statement, a few
 * thousand per transaction, with the subtree counters (`tree_count`, `tree_bytes`) and
 * the drive's `used_size` set exactly as the core would have left them.
 * Files have a size but no content (`blob_id` null): the purge handles such rows the same
 * way, minus the unlink of a blob file.
 */

export interface SeedInput extends TreeInput {
  /** The SQLite file of a node whose migrations have run. */
  file: string;
  driveId: string;
  /** A live folder that receives the subtree. */
  parentId: string;
  createdBy: string;
}

/** What every seeder reports: the tree's shape and how long the insert took. */
export interface SeedShape extends TreeTotals {
  seconds: number;
}

export interface SeedResult extends SeedShape {
  /** The rows' rowids: consecutive, in insertion (depth-first) order. */
  firstRowid: number;
  lastRowid: number;
}

const ROWS_PER_TRANSACTION = 5000;

export function seedSubtree(input: SeedInput): SeedResult {
  const started = performance.now();
  const db = new BetterSqlite3(input.file);
  db.pragma('journal_mode = WAL');
  // A benchmark's throwaway data needs no fsync; the node under test keeps its own setting.
  db.pragma('synchronous = OFF');
  // The node under test may hold the write lock for a moment (its engine polls).
  db.pragma('busy_timeout = 10000');
  // Random ids land all over the indexes; a large page cache keeps a 1M-row seed to about
  // a minute. It lives only as long as this connection, not in the node under test.
  db.pragma('cache_size = -262144');
  try {
    return { ...insertTree(db, input), seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

function insertTree(db: BetterSqlite3.Database, input: SeedInput): Omit<SeedResult, 'seconds'> {
  const now = Date.now();
  const insert = db.prepare(
    `insert into entries (drive_id, id, parent_id, name, name_key, type, size, content_type, content_hash, blob_id, status,
       created_by, created_at, updated_at, accessed_at, changed_at, tree_bytes, tree_count, trashed_at, orig_parent_id)
     values (@drive_id, @id, @parent_id, @name, @name_key, @type, @size, @content_type, '', null, 'available',
       @created_by, @now, @now, @now, @now, @tree_bytes, @tree_count, @trashed_at, @orig_parent_id)`,
  );
  let firstRowid = 0;
  let lastRowid = 0;
  const insertMany = db.transaction((rows: TreeRow[]) => {
    for (const r of rows) {
      const values = {
        ...r,
        name_key: nameKey(r.name),
        drive_id: input.driveId,
        content_type: r.type === 'file' ? 'application/octet-stream' : '',
        created_by: input.createdBy,
        now,
        orig_parent_id: r.trashed_at === null ? null : r.parent_id,
      };
      lastRowid = Number(insert.run(values).lastInsertRowid);
      if (firstRowid === 0) firstRowid = lastRowid;
    }
  });

  const rows = treeRows(input.parentId, input);
  let buffer: TreeRow[] = [];
  let next = rows.next();
  for (; !next.done; next = rows.next()) {
    buffer.push(next.value);
    if (buffer.length >= ROWS_PER_TRANSACTION) {
      insertMany(buffer);
      buffer = [];
    }
  }
  if (buffer.length > 0) insertMany(buffer);
  const total = next.value;
  if (input.binnedBefore === undefined) addAlongChain(db, input.driveId, input.parentId, total.bytes, total.entries);
  // Bin items count in the drive's used and bin bytes, and no longer in their folders.
  else db.prepare('update drives set used_size = used_size + ?, bin_bytes = bin_bytes + ? where id = ?').run(total.bytes, total.bytes, input.driveId);
  if (lastRowid - firstRowid + 1 !== total.entries) throw new Error('seeded rowids are not consecutive: was something else writing?');
  return { ...total, firstRowid, lastRowid };
}

/**
 * Adds to the counters of `entryId` and its ancestors and to the drive's used_size, on a
 * connection of its own: what a plain SQL delete skipped, to make the tree right again.
 */
export function addToChain(file: string, driveId: string, entryId: string, bytes: number, count: number): void {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 10000');
  try {
    addAlongChain(db, driveId, entryId, bytes, count);
  } finally {
    db.close();
  }
}

/** What the core's addToTree does after an insert: the parent and every ancestor, and the drive. */
function addAlongChain(db: BetterSqlite3.Database, driveId: string, parentId: string, bytes: number, count: number): void {
  db.transaction(() => {
    db.prepare(
      `with recursive chain(id, parent_id) as (
         select id, parent_id from entries where drive_id = @driveId and id = @parentId
         union all
         select e.id, e.parent_id from entries e join chain c on e.id = c.parent_id where e.drive_id = @driveId
       )
       update entries set tree_bytes = tree_bytes + @bytes, tree_count = tree_count + @count
       where drive_id = @driveId and id in (select id from chain)`,
    ).run({ driveId, parentId, bytes, count });
    db.prepare('update drives set used_size = used_size + @bytes where id = @driveId').run({ driveId, bytes });
  })();
}
