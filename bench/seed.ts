import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Bulk seeding for the benchmarks. Making 1,000,000 entries through the core would take
 * longer than the benchmark itself, so rows go straight into `entries` with one prepared
 * statement, a few thousand per transaction, with the subtree counters (`tree_count`,
 * `tree_bytes`) and the drive's `used_size` set exactly as the core would have left them.
 * Files have a size but no content (`blob_id` null): the purge handles such rows the same
 * way, minus the unlink of a blob file.
 */

export interface SeedInput {
  /** The SQLite file of a node whose migrations have run. */
  file: string;
  driveId: string;
  /** A live folder that receives the subtree. */
  parentId: string;
  /** Entries below `parentId`, folders and files together. */
  entries: number;
  /** Starts every seeded id, so a plain SQL delete can find the same rows by id range. */
  idPrefix: string;
  createdBy: string;
}

export interface SeedResult {
  entries: number;
  folders: number;
  files: number;
  bytes: number;
  /** Levels of folders between `parentId` and its files. */
  folderLevels: number;
  /** The rows' rowids: consecutive, in insertion (depth-first) order. */
  firstRowid: number;
  lastRowid: number;
  seconds: number;
}

/**
 * The shape of a realistic tree: up to 1,000 entries sit directly in the folder; beyond
 * that, 2 or 3 levels of folders whose leaves hold ~800 files each (100-1,000 a folder).
 */
export function planTree(entries: number): { levels: number; fanout: number } {
  if (entries <= 1000) return { levels: 0, fanout: 0 };
  const levels = entries <= 200_000 ? 2 : 3;
  return { levels, fanout: Math.ceil((entries / 800) ** (1 / levels)) };
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

interface Row {
  id: string;
  parent_id: string;
  name: string;
  type: 'file' | 'folder';
  size: number;
  tree_bytes: number;
  tree_count: number;
}

function insertTree(db: BetterSqlite3.Database, input: SeedInput): Omit<SeedResult, 'seconds'> {
  const now = Date.now();
  const insert = db.prepare(
    `insert into entries (drive_id, id, parent_id, name, type, size, content_type, content_hash, blob_id, status,
       created_by, created_at, updated_at, accessed_at, changed_at, tree_bytes, tree_count)
     values (@drive_id, @id, @parent_id, @name, @type, @size, @content_type, '', null, 'available',
       @created_by, @now, @now, @now, @now, @tree_bytes, @tree_count)`,
  );
  let firstRowid = 0;
  let lastRowid = 0;
  const insertMany = db.transaction((rows: Row[]) => {
    for (const r of rows) {
      const values = {
        ...r,
        drive_id: input.driveId,
        content_type: r.type === 'file' ? 'application/octet-stream' : '',
        created_by: input.createdBy,
        now,
      };
      lastRowid = Number(insert.run(values).lastInsertRowid);
      if (firstRowid === 0) firstRowid = lastRowid;
    }
  });

  let buffer: Row[] = [];
  const emit = (row: Row): void => {
    buffer.push(row);
    if (buffer.length >= ROWS_PER_TRANSACTION) {
      insertMany(buffer);
      buffer = [];
    }
  };
  const newId = (): string => `${input.idPrefix}${randomBytes(10).toString('hex')}`;

  // A fixed pseudo-random sequence of sizes (1 KiB to ~1 MiB), the same on every run.
  let state = 42;
  const nextSize = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1024 + (state % 1_048_576);
  };

  const { levels, fanout } = planTree(input.entries);
  const folders = levels === 0 ? 0 : Array.from({ length: levels }, (_, i) => fanout ** (i + 1)).reduce((a, b) => a + b, 0);
  const files = input.entries - folders;
  if (files < 0) throw new Error(`cannot plan a tree of ${input.entries} entries`);
  const leafFolders = levels === 0 ? 1 : fanout ** levels;
  let leafIndex = 0;

  const emitFiles = (parentId: string): { bytes: number; count: number } => {
    const mine = Math.floor(files / leafFolders) + (leafIndex < files % leafFolders ? 1 : 0);
    leafIndex++;
    let bytes = 0;
    for (let i = 0; i < mine; i++) {
      const size = nextSize();
      bytes += size;
      emit({ id: newId(), parent_id: parentId, name: `file-${i}.dat`, type: 'file', size, tree_bytes: size, tree_count: 1 });
    }
    return { bytes, count: mine };
  };

  // Depth first, a folder's row after its children: its counters are their sums then.
  const emitFolder = (id: string, parentId: string, name: string, level: number): { bytes: number; count: number } => {
    const below = level === levels ? emitFiles(id) : emitChildren(id, level);
    emit({ id, parent_id: parentId, name, type: 'folder', size: 0, tree_bytes: below.bytes, tree_count: below.count + 1 });
    return { bytes: below.bytes, count: below.count + 1 };
  };
  const emitChildren = (parentId: string, level: number): { bytes: number; count: number } => {
    let bytes = 0;
    let count = 0;
    for (let i = 0; i < fanout; i++) {
      const sub = emitFolder(newId(), parentId, `dir-${level + 1}-${i}`, level + 1);
      bytes += sub.bytes;
      count += sub.count;
    }
    return { bytes, count };
  };

  const total = levels === 0 ? emitFiles(input.parentId) : emitChildren(input.parentId, 0);
  if (buffer.length > 0) insertMany(buffer);
  addAlongChain(db, input.driveId, input.parentId, total.bytes, total.count);
  if (lastRowid - firstRowid + 1 !== total.count) throw new Error('seeded rowids are not consecutive: was something else writing?');
  return { entries: total.count, folders, files, bytes: total.bytes, folderLevels: levels, firstRowid, lastRowid };
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
