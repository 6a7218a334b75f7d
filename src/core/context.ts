import type { CoreObserver } from './observer.js';
import type { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { PageTokens } from './page-tokens.js';

export interface CoreSettings {
  /** Rows a purge batch deletes in one transaction: small enough to notice a cancel fast. */
  purgeBatchSize: number;
  /**
   * Rows the search marking writes per transaction; 0 turns the engine's marking loop off
   * (tests then run it a step at a time).
   */
  searchMarkBatchSize: number;
  /** How long a claimed job stays with its node without a heartbeat. */
  jobLeaseMs: number;
  /** How often an idle engine looks for work queued by other nodes, and for expired items. */
  pollIntervalMs: number;
  retentionCheckIntervalMs: number;
  /** Finished jobs are kept at least this long (SPEC: 7 days). */
  finishedJobTtlMs: number;
  /** Idempotency tokens are remembered at least this long (SPEC: 24 hours). */
  idempotencyTtlMs: number;
  /** The quota of the drive made with a new user, in bytes; -1 is unlimited. */
  defaultDriveSize: number;
  /** Drives a user who is not admin may create besides their default drive. */
  userDriveLimit: number;
  /** How often each node sweeps the blob directory (core/blobs/sweep-blobs.ts). */
  blobSweepIntervalMs: number;
  /**
   * How long a staged file must be untouched, and a published one unreferenced and
   * untouched, before a sweep removes it. Live writers touch their staged files every
   * quarter of this, so it only has to outlast a node's event loop stalling.
   */
  blobStaleMs: number;
  /** Uploads one user may have begun and not completed at once (core/uploads/begin-upload.ts); -1: no limit. */
  maxOpenUploads: number;
  /**
   * Failed sign-ins (core/auth/sign-in-throttle.ts): at most `signInAccountLimit` failures
   * per user name or access key, and `signInAddressLimit` per client address, within any
   * `signInWindowMs`; beyond that an attempt is refused unchecked until the oldest leaves.
   */
  signInWindowMs: number;
  signInAccountLimit: number;
  signInAddressLimit: number;
  /** Audit records older than this are pruned by housekeeping (SALVAGE_AUDIT_RETENTION_DAYS, default 400 days). */
  auditRetentionMs: number;
  /** Records one pruning transaction deletes, so housekeeping never holds the table long. */
  auditPruneBatchSize: number;
  /**
   * Names of the scratch files desktop clients make and delete all the time (editor lock
   * and temp files, Finder's metadata): deleting or overwriting one purges it instead of
   * filling the bin (core/entries/scratch-names.ts; SALVAGE_DAV_PURGE_PATTERNS). Globs:
   * `*` any run of characters, `?` one.
   */
  scratchNamePatterns: readonly string[];
}

export const defaultSettings: CoreSettings = {
  purgeBatchSize: 500,
  searchMarkBatchSize: 500,
  jobLeaseMs: 30_000,
  pollIntervalMs: 500,
  retentionCheckIntervalMs: 60_000,
  finishedJobTtlMs: 7 * 24 * 3600_000,
  idempotencyTtlMs: 48 * 3600_000,
  defaultDriveSize: -1,
  userDriveLimit: 1,
  blobSweepIntervalMs: 10 * 60_000,
  blobStaleMs: 15 * 60_000,
  signInWindowMs: 60_000,
  signInAccountLimit: 10,
  signInAddressLimit: 30,
  maxOpenUploads: 100,
  auditRetentionMs: 400 * 86_400_000,
  auditPruneBatchSize: 1_000,
  scratchNamePatterns: ['~$*', '.~lock.*#', '._*', '.DS_Store', '*.part', 'Thumbs.db', 'desktop.ini'],
};

/** What every core operation needs: storage, contents, time, and signing of page tokens. */
export interface CoreContext {
  store: Store;
  blobs: LocalBlobStore;
  clock: Clock;
  tokens: PageTokens;
  settings: CoreSettings;
  /** Encrypts access-key secrets at rest (core/auth/secret-box.ts); never stored in the database. */
  secretKey: Buffer;
  /** Tells this node's job engine that work was queued, so it need not wait for its poll. */
  wakeEngine: () => void;
  /** Told of committed work, for metrics; optional so a core built in a test needs none. */
  observer?: CoreObserver;
}
