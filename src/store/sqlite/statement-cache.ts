import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query again: in a profile of `file/get`,
 * better-sqlite3's `prepare` took a quarter of the process's own time. A query's SQL text
 * is the same on every call (values are bound parameters), so a prepared statement is
 * kept per text and reused. Reuse is safe because the driver runs one query at a time on
 * its one connection, and a streamed query holds that connection until it ends.
 * The least recently used statement is dropped past `capacity`, which bounds memory for
 * texts that vary (an `in (...)` list of each length is a text of its own).
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, capacity = 512): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const hit = cache.get(sql);
      if (hit) {
        // Move to the newest end: a Map iterates in insertion order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql) as unknown as SqliteStatement;
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
