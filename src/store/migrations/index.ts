import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-pds-auth-uploads.js';
import * as m0003 from './0003-signature-nonces.js';
import * as m0004 from './0004-upload-parts.js';
import * as m0006 from './0006-restore-claims.js';
import * as m0007 from './0007-drop-job-exclusive.js';
import * as m0008 from './0008-search-marks.js';
import * as m0009 from './0009-listing-orders.js';
import * as m0010 from './0010-teams.js';
import * as m0011 from './0011-sign-in-failures.js';
import * as m0012 from './0012-nfc-names.js';
import * as m0013 from './0013-drive-members.js';
import * as m0014 from './0014-acting-users.js';
import * as m0015 from './0015-open-upload-bytes.js';
import * as m0016 from './0016-bin-search.js';
import * as m0017 from './0017-audit.js';
import * as m0018 from './0018-retention-lock.js';
import * as m0019 from './0019-deletion-events.js';
import * as m0020 from './0020-dav-locks.js';
import * as m0021 from './0021-dead-properties.js';
import * as m0022 from './0022-held-names.js';
import * as m0023 from './0023-name-keys.js';
import { columnTypes, type SchemaDialect } from './column-types.js';

/**
 * The numbered migrations of one database, applied in name order at start; never edited
 * once released. The names are what databases have recorded as run: never rename one.
 * (There is no 0005: see 0007.)
 */
export function schemaMigrations(dialect: SchemaDialect): MigrationProvider {
  const types = columnTypes[dialect];
  const migrations: Record<string, Migration> = {
    '0001-initial': { up: (db) => m0001.up(db, types) },
    '0002-pds-auth-uploads': { up: (db) => m0002.up(db, types) },
    '0003-signature-nonces': { up: (db) => m0003.up(db, types) },
    '0004-upload-parts': { up: (db) => m0004.up(db, types) },
    '0006-restore-claims': m0006,
    '0007-drop-job-exclusive': m0007,
    '0008-search-marks': m0008,
    '0009-listing-orders': m0009,
    '0010-teams': m0010,
    '0011-sign-in-failures': { up: (db) => m0011.up(db, types) },
    '0012-nfc-names': m0012,
    '0013-drive-members': { up: (db) => m0013.up(db, types) },
    '0014-acting-users': m0014,
    '0015-open-upload-bytes': m0015,
    '0016-bin-search': { up: (db) => m0016.up(db, dialect) },
    '0017-audit': { up: (db) => m0017.up(db, types) },
    '0018-retention-lock': { up: (db) => m0018.up(db, types) },
    '0019-deletion-events': m0019,
    '0020-dav-locks': { up: (db) => m0020.up(db, types) },
    '0021-dead-properties': { up: (db) => m0021.up(db, types) },
    '0022-held-names': { up: (db) => m0022.up(db, dialect) },
    '0023-name-keys': { up: (db) => m0023.up(db, types) },
  };
  return { getMigrations: async () => migrations };
}
