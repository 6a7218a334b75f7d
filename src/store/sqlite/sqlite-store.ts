import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { migratedStore } from '../migrated-store.js';
import type { Store, StoreCapabilities } from '../store.js';
import { schemaMigrations } from '../migrations/index.js';
import { SplitSqliteDialect } from './split-driver.js';

const capabilities: StoreCapabilities = { rowLocks: false, singleProcess: true, writableCtes: false, trigramTable: true, crossJoinOrders: true };

/**
 * SQLite through better-sqlite3, in a file: reads on this thread, every write on a writer
 * thread of its own (split-driver.ts says why). Write transactions are serialised in this
 * process, which is what one-writer SQLite wants anyway.
 */
export async function openSqliteStore(file: string): Promise<Store> {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Kysely<Database>({ dialect: new SplitSqliteDialect(file) });
  return migratedStore(db, capabilities, schemaMigrations('sqlite'));
}
