import type { Store } from './store.js';

export interface OpenStoreOptions {
  /**
   * Told of a connection the database dropped while it sat idle in the pool (a restart,
   * `pg_terminate_backend`); the pool replaces it. Requests in flight fail on their own.
   */
  onIdleConnectionError?: (err: Error) => void;
}

/** The store a database URL names: PostgreSQL for `postgres://`, else a SQLite file. */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  // Each backend is loaded when named: a SQLite node never loads pg, and the other way round
  // (start-up time counts for `serve --in-memory`).
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return (await import('./postgres/postgres-store.js')).openPostgresStore(databaseUrl, options);
  return (await import('./sqlite/sqlite-store.js')).openSqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, ''));
}
