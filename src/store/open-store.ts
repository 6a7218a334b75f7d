import { openPostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

/** The store a database URL names: PostgreSQL for `postgres://`, else a SQLite file. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresStore(databaseUrl);
  return openSqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, ''));
}
