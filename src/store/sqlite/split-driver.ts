import BetterSqlite3 from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { statementCache } from './statement-cache.js';
import { type WriteResult, WriterThread } from './writer-thread.js';

const STATEMENT_CACHE_SIZE = 512;

/**
 * SQLite with reads on the main thread and writes on a worker thread.
 *
 * better-sqlite3 is synchronous. With one connection, a purge batch (a write transaction of
 * ~20 ms) held the connection and the event loop, and every request on every drive waited
 * behind it: `/v2/file/list` p99 went from 9.8 ms to 47 ms during a purge. A lock held by
 * another process was waited out on the main thread too, freezing the server.
 *
 * So each process has two connections to the file. The writer, in a worker thread, runs
 * every transaction and every statement that is not read-only, one at a time (SQLite has
 * one writer anyway). The reader, here, runs read-only statements outside transactions;
 * in WAL mode it reads the last committed state without waiting for the writer, and it is
 * `query_only`, so a statement routed wrongly fails instead of writing around the writer.
 * Reads stay as cheap as before (no message round trip), and the main thread never runs a
 * write. A transaction sees its own writes (it reads on the writer); reads outside it see
 * what has committed, as on PostgreSQL.
 */
export class SplitSqliteDialect implements Dialect {
  constructor(private readonly file: string) {}
  createDriver(): Driver {
    return new SplitSqliteDriver(this.file);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/**
 * SQLite's DDL is transactional, but Kysely's adapter says not, so its migrator ran each
 * migration statement by statement: a crash inside one (say between dropping an index and
 * a column) left a schema that no start could migrate again. Saying so runs each
 * migration, with its record in kysely_migration, in one transaction, as on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SplitSqliteDriver implements Driver {
  private reader!: BetterSqlite3.Database;
  private prepare!: (sql: string) => BetterSqlite3.Statement;
  private writer!: WriterThread;
  /** Who may use the writer's connection next: one transaction or statement at a time. */
  private writerTurn: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async init(): Promise<void> {
    // The writer first: it creates the file and switches it to WAL before the reader opens.
    this.writer = new WriterThread(this.file, STATEMENT_CACHE_SIZE);
    await this.writer.run({ sql: 'select 1', parameters: [] });
    this.reader = new BetterSqlite3(this.file);
    this.reader.pragma('query_only = ON');
    // A WAL reader waits only in rare moments (recovery after a crash); never long on this thread.
    this.reader.pragma('busy_timeout = 250');
    this.prepare = statementCache(this.reader, STATEMENT_CACHE_SIZE);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SplitConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as SplitConnection;
    const release = await this.takeWriterTurn();
    try {
      await this.writer.run({ control: 'begin' });
    } catch (err) {
      release();
      throw err;
    }
    c.releaseTurn = release;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed commit keeps the turn: Kysely rolls back next, and that frees it.
    await this.writer.run({ control: 'commit' });
    this.endTransaction(connection as SplitConnection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.writer.run({ control: 'rollback' });
    } finally {
      this.endTransaction(connection as SplitConnection);
    }
  }

  /**
   * The turn ends with the transaction, not with the connection: a transaction opened on a
   * connection held for longer (`db.connection()`, as the migrator holds one) must not keep
   * every later write waiting.
   */
  private endTransaction(c: SplitConnection): void {
    c.releaseTurn?.();
    c.releaseTurn = undefined;
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.reader?.close();
    await this.writer?.close();
  }

  /** A statement outside any transaction: read here if it only reads, else on the writer. */
  async runAlone(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const statement = this.readOnlyStatement(query.sql);
    if (statement) return { rows: rowsOf(statement, query.parameters) };
    const release = await this.takeWriterTurn();
    try {
      return toQueryResult(await this.writer.run({ sql: query.sql, parameters: query.parameters }));
    } finally {
      release();
    }
  }

  async runInTransaction(query: CompiledQuery): Promise<QueryResult<unknown>> {
    return toQueryResult(await this.writer.run({ sql: query.sql, parameters: query.parameters }));
  }

  private readOnlyStatement(sql: string): BetterSqlite3.Statement | undefined {
    try {
      const statement = this.prepare(sql);
      return statement.readonly && statement.reader ? statement : undefined;
    } catch {
      // Not preparable here (a table the writer is about to create): the writer decides.
      return undefined;
    }
  }

  /** Waits for the writer's connection to be free; the returned function frees it again. */
  private async takeWriterTurn(): Promise<() => void> {
    const previous = this.writerTurn;
    let release!: () => void;
    this.writerTurn = new Promise((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

class SplitConnection implements DatabaseConnection {
  /** Set while a transaction of this connection holds the writer's turn. */
  releaseTurn: (() => void) | undefined;

  constructor(private readonly driver: SplitSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = this.releaseTurn ? this.driver.runInTransaction(query) : this.driver.runAlone(query);
    return result as Promise<QueryResult<R>>;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on SQLite here');
  }
}

type RowMaker = (row: unknown[]) => Record<string, unknown>;

/** Each read statement's row maker, made once. */
const rowMakers = new WeakMap<BetterSqlite3.Statement, RowMaker>();

/**
 * A read's rows as objects, made here from better-sqlite3's raw arrays: it builds each
 * object key by key through the V8 API, which cost a 200-row page of entries (25 columns)
 * 3.9 ms against 1.9 ms for the arrays and a literal per row (2026-12-04). The literal is
 * compiled once per statement from its column names (each name quoted by JSON.stringify,
 * so no name can be more than a key): one shape per statement, so a loop of keyed stores
 * shared by every statement does not turn slow, and later reads of the fields stay fast.
 * A name that appears twice keeps its last value, as in better-sqlite3's own objects.
 */
function rowsOf(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): Record<string, unknown>[] {
  let make = rowMakers.get(statement);
  if (!make) {
    const names = statement.columns().map((c) => c.name);
    make = names.includes('__proto__')
      ? // In a literal (and in better-sqlite3's objects) a column called __proto__ sets the prototype.
        (row) => Object.defineProperties({}, Object.fromEntries(names.map((name, i) => [name, { value: row[i], enumerable: true, writable: true, configurable: true }])))
      : (new Function('row', `return { ${names.map((name, i) => `${JSON.stringify(name)}: row[${i}]`).join(', ')} };`) as RowMaker);
    rowMakers.set(statement, make);
  }
  const rows = statement.raw(true).all(parameters as unknown[]) as unknown[][];
  const objects = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) objects[r] = make(rows[r]!);
  return objects;
}

function toQueryResult(r: WriteResult): QueryResult<unknown> {
  return {
    rows: r.rows,
    ...(r.changes !== undefined && { numAffectedRows: BigInt(r.changes) }),
    ...(r.lastInsertRowid !== undefined && { insertId: BigInt(r.lastInsertRowid) }),
  };
}
