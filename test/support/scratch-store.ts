import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { createPostgresSchema, type TestDatabase } from './databases.js';

/**
 * A data directory and a database of its own for one suite: the SQLite file in the
 * directory, or a fresh PostgreSQL schema. In-process nodes (`startTestNode`'s `dataDir`
 * and `databaseUrl`) and `salvage serve` children (SALVAGE_DATA_DIR and
 * SALVAGE_DATABASE_URL) given the same two share one store.
 */
export interface ScratchStore {
  database: TestDatabase;
  dataDir: string;
  databaseUrl: string;
  /** The project's own store on this database, for audits while no in-process node runs. */
  open(): Promise<Store>;
  /** Removes the directory and drops the schema; safe to call twice. */
  remove(): Promise<void>;
}

export async function scratchStore(database: TestDatabase, prefix: string): Promise<ScratchStore> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  let schema: Awaited<ReturnType<typeof createPostgresSchema>> | undefined;
  try {
    if (database === 'postgres') schema = await createPostgresSchema();
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const databaseUrl = schema?.url ?? join(dataDir, 'salvage.db');
  return {
    database,
    dataDir,
    databaseUrl,
    open: () => openStore(databaseUrl),
    async remove() {
      await rm(dataDir, { recursive: true, force: true });
      await schema?.drop();
    },
  };
}
