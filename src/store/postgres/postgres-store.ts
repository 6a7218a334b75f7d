import { Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.js';
import { migratedStore } from '../migrated-store.js';
import type { Store, StoreCapabilities } from '../store.js';
import { schemaMigrations } from '../migrations/index.js';
import { OwnSchemaPostgresDialect } from './own-schema-dialect.js';
import { statementNameOf } from '../prepared-query.js';

const CONNECT_TIMEOUT_MS = 5_000;

const capabilities: StoreCapabilities = { rowLocks: true, singleProcess: false, writableCtes: true, trigramTable: false, crossJoinOrders: false };

// int8 (counts, sizes, times) and numeric (sums) arrive as strings by default; every
// value Salvage keeps fits a double exactly (below 2^53), so read them as numbers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const asNumber = (value: string): number => Number(value);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return asNumber;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/**
 * Runs the text of every preparedQuery as a named prepared statement of this connection:
 * PostgreSQL parses and plans it once per connection instead of on every run. Kysely hands
 * the driver bare SQL text and values; this gives the hot texts their names on the way.
 * A prepared statement must keep the shape of its result, so these name their columns
 * (columns.ts): a migration that adds a column does not break the nodes still running.
 */
function prepareNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? statementNameOf(text) : undefined;
    if (name === undefined || typeof rest[0] === 'function') return query(text, ...rest);
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  }) as typeof client.query;
}

/**
 * PostgreSQL through `pg`: several nodes share one database. Transactions run at READ
 * COMMITTED; every write that needs a per-drive order locks the drive row first (see
 * lockDrive), and job claims skip rows other nodes hold.
 */
export async function openPostgresStore(
  url: string,
  options: { poolSize?: number; onIdleConnectionError?: (err: Error) => void } = {},
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    // A database that does not answer fails the request in seconds (503) instead of
    // holding it until the client gives up.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // Without a listener, an idle connection the server closed (a restart, an administrator's
  // pg_terminate_backend) is an unhandled 'error' event: it killed the process.
  pool.on('error', (err) => options.onIdleConnectionError?.(err));
  // The pool listens only to idle connections; one checked out (between the statements of
  // a transaction) that loses its socket emitted an unhandled 'error' too. The statement
  // that uses it next fails and rolls back, and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    prepareNamedStatements(client);
  });
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });

  // Kysely's migrator takes a pg advisory lock around the run, so two nodes starting at
  // once never both migrate. Its tables live in this connection's own schema.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return migratedStore(db, capabilities, schemaMigrations('postgres'), rows[0]!.schema);
}
