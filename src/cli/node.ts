import { join } from 'node:path';
import type { Logger } from 'pino';
import { nodeLogger } from './log-destination.js';
import { closeServer } from '../api/close-server.js';
import { NodeMetrics } from '../api/metrics/node-metrics.js';
import { buildServer } from '../api/server.js';
import { DiskReserve } from '../blobs/disk-reserve.js';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { Config } from '../config.js';
import { AdjustableClock } from '../core/clock.js';
import { defaultSettings } from '../core/context.js';
import type { AdminCredentials } from '../core/users/users.service.js';
import { createSalvage, type Salvage } from '../core/salvage.js';
import { isStorageFull } from '../core/errors.js';
import { openStore } from '../store/open-store.js';
import { retryWhenFull } from '../store/retry-when-full.js';
import { adminCredentials } from './admin-credentials.js';
import { loadSecretKey } from './secret-key.js';
import { secureDataDir, settleDataFileModes } from './data-dir.js';
import type { SeedSummary } from './seed/apply-seed.js';
import type { SeedFile } from './seed/seed-file.js';

/** Room kept back for deletes on a full disk (see DiskReserve); SALVAGE_DISK_RESERVE_BYTES. */
export const DEFAULT_DISK_RESERVE_BYTES = 32 * 1024 * 1024;
/** How long requests in flight may take to finish once a node is closing. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;
/** Cut-off uploads remove their staged file in milliseconds; this bounds the wait even past the grace. */
const MIN_SETTLE_MS = 1_000;

export interface RunningNode {
  salvage: Salvage;
  url: string;
  port: number;
  admin: AdminCredentials;
  /** The admin credentials were made by this start (print them once). */
  freshAdmin: boolean;
  adminFile: string;
  /** What `--seed` loaded, when it was given. */
  seeded?: SeedSummary;
  /**
   * Stops the node within one job batch plus `shutdownGraceMs`; calling it again returns
   * the same promise.
   */
  close(): Promise<void>;
}

/**
 * One Salvage node: store, core, job engine and HTTP server, as `salvage serve` runs it.
 * Tests start the same thing on a free port (port 0).
 */
export async function startNode(
  config: Config,
  logger: Logger = nodeLogger(config.logLevel),
  /** A seed file already read and validated (cli/seed), loaded before the server listens. */
  seed?: { file: string; data: SeedFile },
): Promise<RunningNode> {
  // The test clock only exists when the hooks that move it do.
  const testClock = config.testHooks ? new AdjustableClock() : undefined;
  await secureDataDir(config);
  const reserve = new DiskReserve(join(config.dataDir, 'disk-reserve'), config.diskReserveBytes ?? DEFAULT_DISK_RESERVE_BYTES);
  await reserve.init();
  const openedStore = await openStore(config.databaseUrl, {
    // Only what the error says: pg-pool hangs the whole client (and its socket) on it.
    onIdleConnectionError: (err) =>
      logger.warn({ code: (err as { code?: string }).code, reason: err.message }, 'the database closed an idle connection; the pool opens a new one'),
  });
  // On a full disk, a write transaction gets the reserve's room and one more try.
  const store = retryWhenFull(openedStore, { isFull: isStorageFull, release: () => reserve.release() });
  const metrics = new NodeMetrics(config.metricsDrives);
  metrics.readFrom(store.db);
  const salvage = await createSalvage({
    store,
    observer: metrics.observer,
    // Staged files are touched four times per stale period, so no sweep takes them for dead.
    blobs: new LocalBlobStore(join(config.dataDir, 'blobs'), {
      heartbeatMs: (config.blobStaleMs ?? defaultSettings.blobStaleMs) / 4,
      admit: () => reserve.admitContent(),
    }),
    logger,
    clock: testClock,
    jobConcurrency: config.jobConcurrency,
    secretKey: await loadSecretKey(config),
    settings: {
      ...(config.defaultDriveSize !== undefined && { defaultDriveSize: config.defaultDriveSize }),
      ...(config.userDriveLimit !== undefined && { userDriveLimit: config.userDriveLimit }),
      ...(config.jobLeaseMs !== undefined && { jobLeaseMs: config.jobLeaseMs }),
      ...(config.purgeBatchSize !== undefined && { purgeBatchSize: config.purgeBatchSize }),
      ...(config.searchMarkBatchSize !== undefined && { searchMarkBatchSize: config.searchMarkBatchSize }),
      ...(config.pollIntervalMs !== undefined && { pollIntervalMs: config.pollIntervalMs }),
      ...(config.retentionCheckIntervalMs !== undefined && { retentionCheckIntervalMs: config.retentionCheckIntervalMs }),
      ...(config.blobSweepIntervalMs !== undefined && { blobSweepIntervalMs: config.blobSweepIntervalMs }),
      ...(config.blobStaleMs !== undefined && { blobStaleMs: config.blobStaleMs }),
      ...(config.signInWindowMs !== undefined && { signInWindowMs: config.signInWindowMs }),
      ...(config.signInAccountLimit !== undefined && { signInAccountLimit: config.signInAccountLimit }),
      ...(config.signInAddressLimit !== undefined && { signInAddressLimit: config.signInAddressLimit }),
      ...(config.maxOpenUploads !== undefined && { maxOpenUploads: config.maxOpenUploads }),
      ...(config.auditRetentionDays !== undefined && { auditRetentionMs: config.auditRetentionDays * 86_400_000 }),
      ...(config.davPurgePatterns !== undefined && { scratchNamePatterns: config.davPurgePatterns }),
    },
  });
  const { creds, fresh, file } = await adminCredentials(config);
  await settleDataFileModes(config);
  await salvage.users.ensureAdmin(creds);
  const seeded = seed ? await (await import('./seed/apply-seed.js')).applySeed(salvage, seed.data, seed.file) : undefined;
  const app = await buildServer({
    salvage,
    logger,
    nasRegionId: config.nasRegionId,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    testClock,
    metrics,
    metricsToken: config.metricsToken,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  await salvage.start();
  const url = `http://${config.host}:${port}`;
  let closing: Promise<void> | undefined;
  logger.info({ url, database: store.capabilities.singleProcess ? 'sqlite' : 'postgres' }, 'salvage is ready');
  return {
    salvage,
    url,
    port,
    admin: creds,
    freshAdmin: fresh,
    adminFile: file,
    seeded,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  /**
   * Stops in at most one job batch plus the grace period: the server stops accepting and
   * cuts what is still open after the grace, while the engine lets each running job end
   * its batch and hands it back; the store closes last, once nothing uses it.
   */
  async function shutdown(): Promise<void> {
    const started = Date.now();
    const graceMs = config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    try {
      await Promise.all([closeServer(app, graceMs), salvage.stop({ graceMs })]);
    } finally {
      // What is left of the grace, but time enough for cut-off uploads to remove their files.
      await salvage.close({ graceMs: Math.max(graceMs - (Date.now() - started), MIN_SETTLE_MS) });
      logger.info({ ms: Date.now() - started }, 'salvage stopped');
    }
  }
}
