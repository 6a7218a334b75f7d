import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildServer } from '../api/server.js';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import { type Config, loadConfig, type ConfigFlags } from '../config.js';
import { createSalvage } from '../core/salvage.js';
import { openStore } from '../store/open-store.js';
import { adminCredentials } from './admin-credentials.js';

/** Starts a node: store, core, job engine and HTTP server; stops cleanly on SIGINT/SIGTERM. */
export async function serve(flags: ConfigFlags): Promise<void> {
  const config: Config = loadConfig(flags);
  const logger = pino({ level: config.logLevel });
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
  if (fresh) {
    // Printed once, on the start that made them; they are kept in `file` (mode 0600).
    process.stdout.write(
      `\nSalvage made admin credentials (kept in ${file}):\n` +
        `  user: admin\n  password: ${creds.password}\n` +
        `  AccessKeyId: ${creds.accessKeyId}\n  AccessKeySecret: ${creds.accessKeySecret}\n\n`,
    );
  }
  const app = await buildServer({ salvage, logger });
  await app.listen({ port: config.port, host: config.host });
  await salvage.start();
  logger.info({ url: `http://${config.host}:${config.port}`, database: store.capabilities.singleProcess ? 'sqlite' : 'postgres' }, 'salvage is ready');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await salvage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
