import { resolve } from 'node:path';

/** Everything a node is configured with: flags win over the environment, which wins over defaults. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://...` for PostgreSQL; otherwise a SQLite file path (default `<dataDir>/salvage.db`). */
  databaseUrl: string;
  adminPassword?: string;
  adminAccessKeyId?: string;
  adminAccessKeySecret?: string;
  logLevel: string;
  /** `auto` (readable lines at a terminal, JSON otherwise), `json` or `pretty`; SALVAGE_LOG_FORMAT. */
  logFormat: 'auto' | 'json' | 'pretty';
  /** SQLite and blobs in a temporary folder removed on exit (`serve --in-memory`, docs/in-memory.md). */
  inMemory?: boolean;
  /** A seed file loaded at start (`serve --seed FILE`, docs/in-memory.md). */
  seedFile?: string;
  /** `POST /_salvage/clock` and the other test hooks (`serve --test-hooks`); off: 404. */
  testHooks?: boolean;
  /** When set, GET /metrics wants `Authorization: Bearer <token>` (docs/metrics.md). */
  metricsToken?: string;
  /** Drives labelled in the bin gauges of /metrics (the largest bins); the rest are summed. */
  metricsDrives?: number;
  /** Tuning, mostly for tests and benchmarks; see the README's configuration table. */
  jobLeaseMs?: number;
  purgeBatchSize?: number;
  searchMarkBatchSize?: number;
  pollIntervalMs?: number;
  retentionCheckIntervalMs?: number;
  /** How often the blob directory is swept, and how old what it removes must be. */
  blobSweepIntervalMs?: number;
  blobStaleMs?: number;
  jobConcurrency?: number;
  /** How long requests in flight may take to finish at shutdown before they are cut. */
  shutdownGraceMs?: number;
  /** Encrypts access-key secrets at rest; default: the data directory's `secret.key`. */
  secretKey?: string;
  /** Quota of the drive made with each new user, bytes; -1 unlimited. */
  defaultDriveSize?: number;
  /** Drives a user who is not admin may create besides their default drive. */
  userDriveLimit?: number;
  /** The region NAS DescribeFileSystems reports (`RegionId`); Salvage has no regions of its own. */
  nasRegionId?: string;
  /** Failed sign-ins allowed per user name / access key and per client address within the window. */
  signInWindowMs?: number;
  signInAccountLimit?: number;
  signInAddressLimit?: number;
  /**
   * Behind a reverse proxy: believe its X-Forwarded-For/-Proto/-Host (client address,
   * https, host). Off by default, so a client cannot claim another address or TLS.
   */
  trustProxy?: boolean;
  /** `https://files.example.com`: signed upload and download URLs are built on it, never on the request's Host. */
  publicUrl?: string;
  /** Uploads a user may have begun and not completed at once; -1: no limit. */
  maxOpenUploads?: number;
  /** Bytes kept back on the data directory's disk so a full disk can still be emptied (blobs/disk-reserve.ts); 0: none. */
  diskReserveBytes?: number;
  /** Days audit records are kept (issue 14 item 4). */
  auditRetentionDays?: number;
  /** Scratch-file name globs a WebDAV delete or overwrite purges instead of trashing (docs/webdav.md). */
  davPurgePatterns?: string[];
}

export interface ConfigFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  inMemory?: boolean;
  seed?: string;
  testHooks?: boolean;
}

const intFrom = (name: string, value: string | undefined, min = 0): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, got '${value}'`);
  return n;
};

const boolFrom = (name: string, value: string | undefined): boolean | undefined => {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got '${value}'`);
};

/** An absolute http(s) URL with no query or fragment, without its trailing slash. */
const publicUrlFrom = (value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SALVAGE_PUBLIC_URL must be an absolute http(s) URL, got '${value}'`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new Error(`SALVAGE_PUBLIC_URL must be an http(s) URL with no query, fragment or credentials, got '${value}'`);
  }
  return url.href.replace(/\/+$/, '');
};

/** A comma-separated list of globs; set but empty turns the list off (nothing is purged). */
const globsFrom = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((g) => g.trim()).filter((g) => g !== '');

const logFormatFrom = (value: string | undefined): Config['logFormat'] => {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'json' || value === 'pretty') return value;
  throw new Error(`SALVAGE_LOG_FORMAT must be auto, json or pretty, got '${value}'`);
};

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(flags.dataDir ?? env.SALVAGE_DATA_DIR ?? './data');
  const port = intFrom('PORT', flags.port ?? env.PORT) ?? 8080;
  if (port > 65535) throw new Error(`PORT must be at most 65535, got ${port}`);
  return {
    port,
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: flags.databaseUrl ?? env.SALVAGE_DATABASE_URL ?? resolve(dataDir, 'salvage.db'),
    adminPassword: env.SALVAGE_ADMIN_PASSWORD || undefined,
    adminAccessKeyId: env.SALVAGE_ADMIN_ACCESS_KEY_ID || undefined,
    adminAccessKeySecret: env.SALVAGE_ADMIN_ACCESS_KEY_SECRET || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: logFormatFrom(env.SALVAGE_LOG_FORMAT),
    inMemory: flags.inMemory ?? false,
    seedFile: flags.seed ? resolve(flags.seed) : undefined,
    testHooks: flags.testHooks ?? false,
    metricsToken: env.SALVAGE_METRICS_TOKEN || undefined,
    metricsDrives: intFrom('SALVAGE_METRICS_DRIVES', env.SALVAGE_METRICS_DRIVES),
    jobLeaseMs: intFrom('SALVAGE_JOB_LEASE_MS', env.SALVAGE_JOB_LEASE_MS, 100),
    // A batch of 0 would find no leaves and take the folder above them: at least 1.
    purgeBatchSize: intFrom('SALVAGE_PURGE_BATCH_SIZE', env.SALVAGE_PURGE_BATCH_SIZE, 1),
    searchMarkBatchSize: intFrom('SALVAGE_SEARCH_MARK_BATCH_SIZE', env.SALVAGE_SEARCH_MARK_BATCH_SIZE, 0),
    pollIntervalMs: intFrom('SALVAGE_POLL_INTERVAL_MS', env.SALVAGE_POLL_INTERVAL_MS, 1),
    retentionCheckIntervalMs: intFrom('SALVAGE_RETENTION_CHECK_MS', env.SALVAGE_RETENTION_CHECK_MS, 1),
    blobSweepIntervalMs: intFrom('SALVAGE_BLOB_SWEEP_MS', env.SALVAGE_BLOB_SWEEP_MS, 1),
    // Under a second, a write in progress could look abandoned between two heartbeats.
    blobStaleMs: intFrom('SALVAGE_BLOB_STALE_MS', env.SALVAGE_BLOB_STALE_MS, 1_000),
    jobConcurrency: intFrom('SALVAGE_JOB_CONCURRENCY', env.SALVAGE_JOB_CONCURRENCY),
    shutdownGraceMs: intFrom('SALVAGE_SHUTDOWN_GRACE_MS', env.SALVAGE_SHUTDOWN_GRACE_MS),
    nasRegionId: env.SALVAGE_NAS_REGION_ID || undefined,
    secretKey: env.SALVAGE_SECRET_KEY || undefined,
    defaultDriveSize: intFrom('SALVAGE_DEFAULT_DRIVE_SIZE', env.SALVAGE_DEFAULT_DRIVE_SIZE, -1),
    userDriveLimit: intFrom('SALVAGE_USER_DRIVE_LIMIT', env.SALVAGE_USER_DRIVE_LIMIT),
    signInWindowMs: intFrom('SALVAGE_SIGN_IN_WINDOW_MS', env.SALVAGE_SIGN_IN_WINDOW_MS, 1_000),
    signInAccountLimit: intFrom('SALVAGE_SIGN_IN_ACCOUNT_LIMIT', env.SALVAGE_SIGN_IN_ACCOUNT_LIMIT, 1),
    signInAddressLimit: intFrom('SALVAGE_SIGN_IN_ADDRESS_LIMIT', env.SALVAGE_SIGN_IN_ADDRESS_LIMIT, 1),
    trustProxy: boolFrom('SALVAGE_TRUST_PROXY', env.SALVAGE_TRUST_PROXY) ?? false,
    publicUrl: publicUrlFrom(env.SALVAGE_PUBLIC_URL),
    maxOpenUploads: intFrom('SALVAGE_MAX_OPEN_UPLOADS', env.SALVAGE_MAX_OPEN_UPLOADS, -1),
    diskReserveBytes: intFrom('SALVAGE_DISK_RESERVE_BYTES', env.SALVAGE_DISK_RESERVE_BYTES),
    auditRetentionDays: intFrom('SALVAGE_AUDIT_RETENTION_DAYS', env.SALVAGE_AUDIT_RETENTION_DAYS, 1),
    davPurgePatterns: globsFrom(env.SALVAGE_DAV_PURGE_PATTERNS),
  };
}
