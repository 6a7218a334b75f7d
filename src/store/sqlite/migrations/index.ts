import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';

/** Numbered migrations, applied in name order at start; never edited once released. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const sqliteMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
