import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';

/** PostgreSQL's numbered migrations, applied in name order at start under an advisory lock. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const postgresMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
