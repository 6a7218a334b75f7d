import { type Kysely, type MigrationProvider, Migrator, type Transaction } from 'kysely';
import { lockDrive } from './repositories/drives.repository.js';
import type { Database } from './schema.js';
import type { DriveTx, Store, StoreCapabilities } from './store.js';

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
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    capabilities,
    writeDrive: <T>(driveId: string, fn: (w: DriveTx) => Promise<T>) =>
      db.transaction().execute(async (tx) => {
        const drive = await lockDrive(tx, capabilities, driveId);
        // The one place a DriveTx is made: after the lock.
        return fn({ tx, driveId, drive, capabilities } as DriveTx);
      }),
    transaction: <T>(fn: (tx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
