import { join } from 'node:path';
import { pino } from 'pino';
import { LocalBlobStore } from '../../src/blobs/local-blob-store.js';
import { createSalvage, type Salvage } from '../../src/core/salvage.js';
import type { Actor } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';

/**
 * The core on a data directory and its database (a SQLite file or a PostgreSQL URL) with
 * its clock shifted by `shiftMs`, no job engine and no server: what a client would do at
 * that (shifted) moment, while the server is stopped.
 */
export async function openShiftedCore(
  dataDir: string,
  databaseUrl: string,
  shiftMs: number,
): Promise<{ salvage: Salvage; admin: Actor }> {
  const store = await openStore(databaseUrl);
  const salvage = await createSalvage({
    store,
    blobs: new LocalBlobStore(join(dataDir, 'blobs')),
    logger: pino({ level: 'silent' }),
    clock: { now: () => Date.now() + shiftMs },
    jobConcurrency: 0,
  }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const admin = (await salvage.users.all()).find((u) => u.name === 'admin')!;
  return { salvage, admin: { userId: admin.id, isAdmin: true } };
}
