import { type Kysely, type MigrationProvider, Migrator, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { Store, StoreCapabilities } from './store.js';

/**
 * Brings the database up to the latest numbered migration, then wraps it as a Store. The
 * same for every database; only the connection, the migrations and the capabilities differ.
 */
export async function migratedStore(
  db: Kysely<Database>,
  capabilities: StoreCapabilities,
  provider: MigrationProvider,
  migrationTableSchema?: string,
): Promise<Store> {
  const { error } = await new Migrator({ db, provider, migrationTableSchema }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    capabilities,
    transaction: <T>(fn: (tx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
