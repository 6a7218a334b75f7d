import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-pds-auth-uploads.js';
import * as m0003 from './0003-signature-nonces.js';
import * as m0004 from './0004-upload-parts.js';
import * as m0006 from '../../migrations/0006-restore-claims.js';

/** PostgreSQL's numbered migrations, applied in name order at start under an advisory lock. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-pds-auth-uploads': m0002,
  '0003-signature-nonces': m0003,
  '0004-upload-parts': m0004,
  '0006-restore-claims': m0006,
};

export const postgresMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
