import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { LocalBlobStore } from '../blobs/local-blob-store.js';
import { databaseAnswers } from '../store/repositories/health.repository.js';
import { referencedBlobs } from '../store/repositories/purge.repository.js';
import { initSetting } from '../store/repositories/settings.repository.js';
import type { Store } from '../store/store.js';
import { type Clock, systemClock } from './clock.js';
import type { CoreObserver } from './observer.js';
import { type CoreContext, type CoreSettings, defaultSettings } from './context.js';
import * as drives from './drives/drives.service.js';
import { pageDrives } from './drives/page-drives.js';
import * as members from './drives/members.js';
import { defaultDriveOf } from './drives/default-drive.js';
import { copyEntry } from './entries/copy.js';
import { createFile } from './entries/create-file.js';
import { createFolder } from './entries/create-folder.js';
import { moveEntry, moveEntryTo, moveReplacing } from './entries/move.js';
import { getLiveEntry, listFolder, lookupPath, openContent, resolvePath, searchEntries } from './entries/read.js';
import { JobEngine } from './jobs/engine.js';
import { jobHandlers } from './jobs/handlers.js';
import { jobReport } from './jobs/job-report.js';
import { cancelJob, getJob, getJobForToken, listJobsFor } from './jobs/jobs.service.js';
import { PageTokens } from './page-tokens.js';
import { settlesWithin } from './settles-within.js';
import { type BulkInput, enqueueBulk, previewBulk } from './recycle-bin/bulk.js';
import { clearBin } from './recycle-bin/clear.js';
import { deleteEntry } from './recycle-bin/delete.js';
import { entryState, entryStateForToken, listBinItems, listInsideBinFolder, recentlyRecycledDirs } from './recycle-bin/list-bin.js';
import { listDeletedIn } from './recycle-bin/list-deleted.js';
import { restoreEntry } from './recycle-bin/restore.js';
import { searchBin } from './recycle-bin/search-bin.js';
import { queueExpiryJobs } from './recycle-bin/retention.js';
import { binAttribute, disableAndCleanBin, enableBin, setBinSettings, updateRetention } from './recycle-bin/settings.js';
import { trashEntry } from './recycle-bin/trash.js';
import * as users from './users/users.service.js';
import * as team from './users/manage-users.js';
import * as accessKeys from './users/access-keys.js';
import { actorOfDownload, grantDownload } from './auth/content-grants.js';
import { createSession, endSession, userOfSession, xsrfTokenFor } from './auth/sessions.service.js';
import {
  forgetExpiredCredentials,
  passwordGrant,
  refreshGrant,
  revokeAccessToken,
  revokeRefreshToken,
  userOfAccessToken,
} from './auth/tokens.service.js';
import { beginUpload } from './uploads/begin-upload.js';
import { completeUpload } from './uploads/complete-upload.js';
import { listUploadedParts } from './uploads/list-uploaded-parts.js';
import { receiveUploadContent } from './uploads/receive-content.js';
import { reissueUploadUrls } from './uploads/reissue-upload-urls.js';
import { sweepUploads } from './uploads/sweep-uploads.js';
import { acceptSignatureNonce, purgeSignatureNonces } from './users/signature-nonces.js';
import { checkSignInThrottle, forgetOldSignInFailures, recordSignInFailure, signIn } from './auth/sign-in-throttle.js';
import type { Actor } from './types.js';
import { auditRefusals } from './audit/record.js';
import type { AuditAction, AuditFacts } from './audit/audit-types.js';
import { exportAudit, listAudit } from './audit/read-audit.js';
import { pruneAudit } from './audit/prune-audit.js';
import { findDrive } from './drives/find-drive.js';
import { putFile } from './entries/put-file.js';
import { changeDeadProperties, copyDeadPropertiesTo, readDeadProperties } from './entries/dead-properties.js';
import { removeEntry } from './recycle-bin/remove.js';
import { signInWithSecret } from './auth/secret-sign-in.js';
import { forgetLocks, locksOn, refreshOwnLock, releaseLock, requireUnlocked, takeLock } from './locks/locks.service.js';

type Bound<F> = F extends (ctx: CoreContext, ...args: infer A) => infer R ? (...args: A) => R : never;
const bind = <F extends (ctx: CoreContext, ...args: never[]) => unknown>(ctx: CoreContext, f: F): Bound<F> =>
  ((...args: never[]) => f(ctx, ...args)) as Bound<F>;

export interface SalvageOptions {
  store: Store;
  blobs: LocalBlobStore;
  logger: Logger;
  clock?: Clock;
  settings?: Partial<CoreSettings>;
  /** Jobs this node runs at once; 0 runs no engine (a node that only serves requests). */
  jobConcurrency?: number;
  /**
   * Encrypts access-key secrets at rest (see cli/secret-key.ts). Without one, a random key
   * that lives as long as this process: fine for a core built in a test, not for a server.
   */
  secretKey?: Buffer;
  /** Told of committed work (the metrics of api/metrics). */
  observer?: CoreObserver;
}

/**
 * The core, assembled: every operation an API dialect may call, bound to one store, blob
 * store and clock, and the job engine that runs this node's share of the jobs.
 */
export async function createSalvage(options: SalvageOptions) {
  const { store, blobs, logger } = options;
  const settings = { ...defaultSettings, ...options.settings };
  await blobs.init();
  // Alone on its database (SQLite), a node owns every staged file at start; sharing it,
  // only stale ones (see recover).
  await blobs.recover((ids) => referencedBlobs(store.db, ids), store.capabilities.singleProcess ? 0 : settings.blobStaleMs);
  // One secret per database, so every node accepts every other node's page tokens.
  const secret = await initSetting(store.db, 'page-token-secret', randomBytes(32).toString('hex'));
  let engine: JobEngine | undefined;
  const ctx: CoreContext = {
    store,
    blobs,
    clock: options.clock ?? systemClock,
    tokens: new PageTokens(secret),
    settings,
    secretKey: options.secretKey ?? randomBytes(32),
    wakeEngine: () => engine?.wake(),
    observer: options.observer,
  };
  if (options.jobConcurrency !== 0) {
    engine = new JobEngine(ctx, {
      handlers: jobHandlers,
      logger,
      concurrency: options.jobConcurrency,
      onRetentionTick: async () => {
        await queueExpiryJobs(ctx);
        await sweepUploads(ctx);
        await forgetExpiredCredentials(ctx);
        await forgetOldSignInFailures(ctx);
        await pruneAudit(ctx);
      },
    });
  }

  // Each operation the audit trail records is wrapped so that its refusals are recorded
  // too (what it accepts it records itself, in its own transaction).
  const refusals = <A extends unknown[], R>(
    action: AuditAction,
    about: (...args: A) => Omit<AuditFacts, 'action' | 'outcome'>,
    f: (actor: Actor, ...args: A) => Promise<R>,
  ) => auditRefusals(ctx, { action, about }, f);
  type DriveRef = { driveId: string };
  type BulkRequest = Omit<BulkInput, 'action'>;
  type ItemRef = DriveRef & { fileId: string };
  const onItem = (i: ItemRef) => ({ driveId: i.driveId, itemId: i.fileId });
  const onDrive = (i: DriveRef) => ({ driveId: i.driveId });
  const updateLock = refusals('settings', onDrive, bind(ctx, drives.updateDrive));

  return {
    ctx,
    engine,
    users: {
      create: bind(ctx, users.createUser),
      authenticate: bind(ctx, users.authenticate),
      /** authenticate, throttled per user name and client address (the sign-in paths use this). */
      signIn: bind(ctx, signIn),
      checkSignInThrottle: bind(ctx, checkSignInThrottle),
      recordSignInFailure: bind(ctx, recordSignInFailure),
      get: bind(ctx, users.getUser),
      all: bind(ctx, users.allUsers),
      createAccessKey: bind(ctx, users.createAccessKey),
      resolveAccessKey: bind(ctx, users.resolveAccessKey),
      acceptSignatureNonce: bind(ctx, acceptSignatureNonce),
      purgeSignatureNonces: bind(ctx, purgeSignatureNonces),
      ensureAdmin: bind(ctx, users.ensureAdmin),
      actorOf: users.actorOf,
      // The user API (issue 12): each checks who asks.
      add: refusals('user', (i: { name: string }) => ({ name: i.name }), bind(ctx, team.addUser)),
      find: bind(ctx, team.findUser),
      page: bind(ctx, team.listUsersFor),
      update: refusals('user', (i: { userId: string }) => ({ itemId: i.userId }), bind(ctx, team.updateUser)),
      remove: refusals('user', (i: { userId: string }) => ({ itemId: i.userId }), bind(ctx, team.removeUser)),
    },
    accessKeys: {
      add: refusals('access_key', (i: { userId: string }) => ({ detail: i.userId }), bind(ctx, accessKeys.addAccessKey)),
      list: bind(ctx, accessKeys.listAccessKeysOf),
      setState: refusals('access_key', (i: { accessKeyId: string }) => ({ itemId: i.accessKeyId }), bind(ctx, accessKeys.setAccessKeyState)),
      remove: refusals('access_key', (i: { accessKeyId: string }) => ({ itemId: i.accessKeyId }), bind(ctx, accessKeys.removeAccessKey)),
    },
    drives: {
      create: bind(ctx, drives.createDrive),
      checkCreate: bind(ctx, drives.checkCreateDrive),
      get: bind(ctx, drives.getDrive),
      list: bind(ctx, drives.listDrives),
      page: bind(ctx, pageDrives),
      // A retention lock is a bin setting: its refusals are recorded as such (a rename's are not audited).
      update: (actor: Actor, input: Parameters<typeof drives.updateDrive>[2]) =>
        input.lock === undefined ? drives.updateDrive(ctx, actor, input) : updateLock(actor, input),
      delete: refusals('delete', (input: { driveId: string }) => ({ driveId: input.driveId, detail: 'the whole drive' }), bind(ctx, drives.deleteDrive)),
      defaultOf: bind(ctx, defaultDriveOf),
    },
    // Shared drives (issue 12 item 3): each checks the caller's role on the drive.
    members: {
      add: bind(ctx, members.addMember),
      remove: bind(ctx, members.removeMember),
      list: bind(ctx, members.listMembers),
    },
    entries: {
      createFolder: bind(ctx, createFolder),
      createFile: bind(ctx, createFile),
      get: bind(ctx, getLiveEntry),
      list: bind(ctx, listFolder),
      search: bind(ctx, searchEntries),
      resolvePath: bind(ctx, resolvePath),
      move: bind(ctx, moveEntry),
      moveTo: bind(ctx, moveEntryTo),
      copy: bind(ctx, copyEntry),
      openContent: bind(ctx, openContent),
      state: bind(ctx, entryState),
      stateForToken: bind(ctx, entryStateForToken),
    },
    bin: {
      trash: refusals('trash', onItem, bind(ctx, trashEntry)),
      list: bind(ctx, listBinItems),
      search: bind(ctx, searchBin),
      listInside: bind(ctx, listInsideBinFolder),
      listDeleted: bind(ctx, listDeletedIn),
      recentlyRecycledDirs: bind(ctx, recentlyRecycledDirs),
      restore: refusals('restore', onItem, bind(ctx, restoreEntry)),
      delete: refusals('delete', onItem, bind(ctx, deleteEntry)),
      clear: refusals('clear', onDrive, bind(ctx, clearBin)),
      // Everything a search finds (or one deletion event), as one job; a dry run changes nothing.
      restoreAll: refusals('restore', onDrive, (actor: Actor, input: BulkRequest) => enqueueBulk(ctx, actor, { ...input, action: 'restore' })),
      deleteAll: refusals('delete', onDrive, (actor: Actor, input: BulkRequest) => enqueueBulk(ctx, actor, { ...input, action: 'delete' })),
      previewBulk: bind(ctx, previewBulk),
      attribute: bind(ctx, binAttribute),
      enable: refusals('settings', onDrive, bind(ctx, enableBin)),
      updateRetention: refusals('settings', onDrive, bind(ctx, updateRetention)),
      disableAndClean: refusals('settings', onDrive, bind(ctx, disableAndCleanBin)),
      setSettings: refusals('settings', onDrive, bind(ctx, setBinSettings)),
      queueExpiryJobs: () => queueExpiryJobs(ctx),
    },
    auth: {
      passwordGrant: bind(ctx, passwordGrant),
      refreshGrant: bind(ctx, refreshGrant),
      revokeRefreshToken: bind(ctx, revokeRefreshToken),
      revokeAccessToken: bind(ctx, revokeAccessToken),
      userOfAccessToken: bind(ctx, userOfAccessToken),
      createSession: bind(ctx, createSession),
      userOfSession: bind(ctx, userOfSession),
      xsrfTokenFor: bind(ctx, xsrfTokenFor),
      endSession: bind(ctx, endSession),
      grantDownload: bind(ctx, grantDownload),
      actorOfDownload: bind(ctx, actorOfDownload),
    },
    uploads: {
      begin: bind(ctx, beginUpload),
      receive: bind(ctx, receiveUploadContent),
      complete: bind(ctx, completeUpload),
      reissueUrls: bind(ctx, reissueUploadUrls),
      listParts: bind(ctx, listUploadedParts),
      sweep: () => sweepUploads(ctx),
    },
    jobs: {
      get: bind(ctx, getJob),
      getForToken: bind(ctx, getJobForToken),
      list: bind(ctx, listJobsFor),
      cancel: refusals(
        'cancel',
        // Only a well-formed job id is kept as one (see jobNumber in jobs.service.ts).
        (jobId: string) => ({ jobId: /^[0-9]{1,9}$/.test(jobId) ? Number(jobId) : null }),
        (actor: Actor, jobId: string) => cancelJob(ctx, jobHandlers, { actor, jobId }),
      ),
      report: bind(ctx, jobReport),
    },
    // What a mounted drive needs beyond the rest (WebDAV, issue 17).
    dav: {
      signIn: bind(ctx, signInWithSecret),
      findDrive: bind(ctx, findDrive),
      lookupPath: bind(ctx, lookupPath),
      putFile: bind(ctx, putFile),
      /** A move onto a taken name: what held it goes to the bin, in the move's transaction. */
      moveReplacing: bind(ctx, moveReplacing),
      /** Trash (or, for a scratch file, purge) a live entry. */
      remove: refusals('trash', onItem, bind(ctx, removeEntry)),
      readProperties: bind(ctx, readDeadProperties),
      changeProperties: bind(ctx, changeDeadProperties),
      copyProperties: bind(ctx, copyDeadPropertiesTo),
      locksOn: bind(ctx, locksOn),
      lock: bind(ctx, takeLock),
      refreshLock: bind(ctx, refreshOwnLock),
      unlock: bind(ctx, releaseLock),
      requireUnlocked: bind(ctx, requireUnlocked),
      forgetLocks: (input: { driveId: string; path: string }) => forgetLocks(ctx, input),
    },
    audit: {
      list: bind(ctx, listAudit),
      export: (actor: Actor, q: Parameters<typeof exportAudit>[2]) => exportAudit(ctx, actor, q),
    },
    async start(): Promise<void> {
      await engine?.start();
    },
    /** Whether the database answers now (`/healthz`); never throws. */
    databaseReachable: (): Promise<boolean> => databaseAnswers(store.db),
    /** Stops the job engine: each running job finishes its batch and is handed back. */
    async stop({ graceMs }: { graceMs?: number } = {}): Promise<void> {
      await engine?.stop({ graceMs });
    },
    /**
     * Stops the engine, waits at most `graceMs` for content writes still in progress to
     * keep or remove their staged files, then closes the store. Call once no request is
     * coming in any more (after the HTTP server closed).
     */
    async close({ graceMs = 5_000 }: { graceMs?: number } = {}): Promise<void> {
      await engine?.stop({ graceMs });
      if (!(await settlesWithin(blobs.settled(), graceMs))) {
        // Left as they are: recover() settles staged files on the next start.
        logger.warn({ graceMs }, 'content writes still in progress at shutdown');
      }
      await store.close();
    },
  };
}

export type Salvage = Awaited<ReturnType<typeof createSalvage>>;
