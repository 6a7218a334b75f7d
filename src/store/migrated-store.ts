import { type Kysely, type MigrationProvider, type MigrationResultSet, Migrator, type Transaction } from 'kysely';
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
  const error = await retryingSchemaRace(() => migrator.migrateToLatest());
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

/** PostgreSQL's invalid_schema_name. */
const SCHEMA_GONE = '3F000';

/**
 * Runs the migrations, again if another schema of the database vanished under them. To
 * find its own table, Kysely's migrator reads the catalog of every schema in the database
 * and asks `has_schema_privilege` of each; a schema dropped between the two (another
 * application's, or another test's: seen in CI) fails that read with "schema ... does not
 * exist", though it has nothing to do with ours. The migrations run in one transaction, so
 * trying again is safe.
 */
export async function retryingSchemaRace(run: () => Promise<MigrationResultSet>): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const { error } = await run();
    if (!error || (error as { code?: unknown }).code !== SCHEMA_GONE || attempt === 5) return error;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}
