// The SQLite writer: a worker thread that owns the one connection through which this
// process writes (see split-driver.ts for why). Plain JavaScript, so that it starts the
// same under `node`, `tsx` and the test runner, none of which need to compile it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, statementCacheSize } = workerData;
const db = new Database(file);
db.pragma('journal_mode = WAL');
// NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the
// last transactions, never corrupt the file.
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
// Another process holding the write lock (a backup, a second `salvage` by mistake) is
// waited for here, on this thread: the main thread keeps serving reads meanwhile.
db.pragma('busy_timeout = 5000');
// A checkpoint every 10,000 pages (about 40 MB of WAL), not SQLite's 1,000: a purge batch
// dirties pages of a dozen indexes, so at 1,000 nearly every commit checkpointed and
// fsynced. Measured on a 20,000-file purge: 13,100 to 16,500 files a second.
db.pragma('wal_autocheckpoint = 10000');

/** Prepared statements by SQL text, least recently used dropped first. */
const cache = new Map();
function prepare(sql) {
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value);
  }
  cache.set(sql, statement);
  return statement;
}

// `begin immediate` takes the write lock at once: every transaction here writes, and a
// deferred one that upgrades later can fail with SQLITE_BUSY that no timeout retries.
// A rollback after a failed commit finds no transaction: nothing to undo, not an error.
const controls = {
  begin: () => db.exec('begin immediate'),
  commit: () => db.exec('commit'),
  rollback: () => db.inTransaction && db.exec('rollback'),
};

function execute({ sql, parameters, control }) {
  if (control) {
    controls[control]();
    return { rows: [] };
  }
  const statement = prepare(sql);
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { rows: [], changes, lastInsertRowid };
}

parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, result: execute(message) });
  } catch (err) {
    // The driver's error code (SQLITE_CONSTRAINT_UNIQUE, SQLITE_BUSY, ...) travels with it.
    parentPort.postMessage({ id: message.id, error: { message: err.message, code: err.code, name: err.name } });
  }
});
