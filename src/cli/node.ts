import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { buildServer } from '../api/server.js';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { Config } from '../config.js';
import type { AdminCredentials } from '../core/users/users.service.js';
import { createSalvage, type Salvage } from '../core/salvage.js';
import { openStore } from '../store/open-store.js';
import { adminCredentials } from './admin-credentials.js';

export interface RunningNode {
  salvage: Salvage;
  url: string;
  port: number;
  admin: AdminCredentials;
  /** The admin credentials were made by this start (print them once). */
  freshAdmin: boolean;
  adminFile: string;
  close(): Promise<void>;
}

/**
 * One Salvage node: store, core, job engine and HTTP server, as `salvage serve` runs it.
 * Tests start the same thing on a free port (port 0).
 */
export async function startNode(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<RunningNode> {
  await mkdir(config.dataDir, { recursive: true });
  const store = await openStore(config.databaseUrl);
  const salvage = await createSalvage({
    store,
    blobs: new LocalBlobStore(join(config.dataDir, 'blobs')),
    logger,
    jobConcurrency: config.jobConcurrency,
    settings: {
      ...(config.jobLeaseMs !== undefined && { jobLeaseMs: config.jobLeaseMs }),
      ...(config.purgeBatchSize !== undefined && { purgeBatchSize: config.purgeBatchSize }),
      ...(config.pollIntervalMs !== undefined && { pollIntervalMs: config.pollIntervalMs }),
      ...(config.retentionCheckIntervalMs !== undefined && { retentionCheckIntervalMs: config.retentionCheckIntervalMs }),
    },
  });
  const { creds, fresh, file } = await adminCredentials(config);
  await salvage.users.ensureAdmin(creds);
  const app = await buildServer({ salvage, logger });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  await salvage.start();
  const url = `http://${config.host}:${port}`;
  logger.info({ url, database: store.capabilities.singleProcess ? 'sqlite' : 'postgres' }, 'salvage is ready');
  return {
    salvage,
    url,
    port,
    admin: creds,
    freshAdmin: fresh,
    adminFile: file,
    async close() {
      await app.close();
      await salvage.close();
    },
  };
}
