import type { CompiledQuery, QueryExecutorProvider } from 'kysely';
import type { Db } from './store.js';

/** A query builder (compiled by itself) or a `sql` template (compiled against a database). */
interface Preparable<R> {
  compile(db: QueryExecutorProvider): CompiledQuery<R>;
}

/** Stands in for a parameter while a prepared query is built; replaced by its value on each run. */
class Slot {
  constructor(readonly name: string) {}
}

/** `$.name` is the slot of parameter `name`, typed as its value so the builder type-checks. */
const slots = new Proxy({}, { get: (_, name) => new Slot(String(name)) });

/** The SQL text of every prepared query compiled so far, and the statement name it is prepared under on PostgreSQL. */
const statementNames = new Map<string, string>();

/**
 * The name PostgreSQL connections prepare this SQL text under, if a preparedQuery compiled
 * it (postgres-store.ts); undefined for any other text, which is parsed afresh each time.
 * The set is small and fixed (the hottest lookups), so every connection holds at most that
 * many prepared statements.
 */
export const statementNameOf = (sqlText: string): string | undefined => statementNames.get(sqlText);

/**
 * A query built and compiled once per database, then run with new values. Building a
 * query with Kysely's builder and compiling it to SQL took 17% of a node's CPU time under
 * `file/get` load, for queries whose text never changes: only the values do. `build` gets
 * placeholders (`$.id`) where the values go; they must be bound values (a `where`
 * operand, an inserted value), never something that changes the text (an `in` list, a
 * column name). For the hottest lookups only: the rest keep the ordinary builder.
 * `build` may return a `sql` template too (compiled against `db`): a purge batch's one
 * statement is planned in a third of the time it takes to run.
 *
 * The compiled SQL is kept per adapter: one Kysely instance and all of its transactions
 * share one, and SQLite and PostgreSQL compile differently. On PostgreSQL it runs as a
 * named prepared statement, whose result must keep its shape: select named columns
 * (columns.ts), never a table's `*`.
 */
export function preparedQuery<P extends object, R>(build: (db: Db, $: P) => Preparable<R>): (db: Db, params: P) => Promise<R[]> {
  const compiled = new WeakMap<object, CompiledQuery<R>>();
  return async (db, params) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      compiled.set(adapter, (query = build(db, slots as P).compile(db)));
      if (!statementNames.has(query.sql)) statementNames.set(query.sql, `salvage_${statementNames.size + 1}`);
    }
    const values = params as Record<string, unknown>;
    const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.name] : p));
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
}
