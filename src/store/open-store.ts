import { openPostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface OpenStoreOptions {
  /**
   * Told of a connection the database dropped while it sat idle in the pool (a restart,
   * `pg_terminate_backend`); the pool replaces it. Requests in flight fail on their own.
   */
  onIdleConnectionError?: (err: Error) => void;
}

/** The store a database URL names: PostgreSQL for `postgres://`, else a SQLite file. */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresStore(databaseUrl, options);
  return openSqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, ''));
}
