import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

/** The store a database URL names: PostgreSQL for `postgres://`, else a SQLite file. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('PostgreSQL support is not built yet; use a SQLite path for SALVAGE_DATABASE_URL');
  }
  return openSqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, ''));
}
