import type BetterSqlite3 from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every query again: in a profile of `file/get`,
 * better-sqlite3's `prepare` took a quarter of the process's own time. A query's SQL text
 * is the same on every call (values are bound parameters), so a prepared statement is
 * kept per text and reused. Reuse is safe because a statement runs to completion in one
 * synchronous call (`all` or `run`; nothing here iterates). The least recently used is
 * dropped past `capacity`, which bounds memory for texts that vary (an `in (...)` list of
 * each length is a text of its own). The writer thread keeps the same cache for its
 * connection (write-worker.mjs).
 */
export function statementCache(sqlite: BetterSqlite3.Database, capacity: number): (sql: string) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement) {
      // Move to the newest end: a Map iterates in insertion order.
      cache.delete(sql);
    } else {
      statement = sqlite.prepare(sql);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
}
