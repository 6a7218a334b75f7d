import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.js';
import { migratedStore } from '../migrated-store.js';
import type { Store, StoreCapabilities } from '../store.js';
import { sqliteMigrations } from './migrations/index.js';

const capabilities: StoreCapabilities = { rowLocks: false, singleProcess: true, writableCtes: false };

/**
 * SQLite through better-sqlite3. Kysely's SQLite driver runs every query on one connection
 * behind a mutex, so a transaction holds the database until it ends: write transactions
 * are serialised in this process, which is what one-writer SQLite wants anyway.
 */
export async function openSqliteStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the
  // last transactions, never corrupt the file.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });

  return migratedStore(db, capabilities, sqliteMigrations);
}
