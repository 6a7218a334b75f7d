import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Salvage } from '../../src/core/salvage.js';
import type { Actor } from '../../src/core/types.js';
import type { Store } from '../../src/store/store.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode } from '../support/node.js';
import { systemProgram } from '../support/system-deps.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { auditStore, blobFilesOnDisk } from '../support/store-audit.js';
import { openShiftedCore } from './shifted-core.js';

/**
 * SPEC section 2, retention: items older than ReservedDays are purged by `expire` jobs on
 * the system clock, and the server behaves when started under a shifted clock. The server
 * runs as a child under Debian's faketime, 40 days ahead; items are trashed at the real
 * now (40 days old to the server) and at the shifted now (brand new to it).
 */

const FAKETIME = '/usr/bin/faketime';
const hasFaketime = systemProgram({ name: 'faketime', path: FAKETIME });

const DAY = 86_400_000;
const SHIFT_DAYS = 40;

interface Item {
  id: string;
  bytes: number;
  /** Entries in its subtree, itself included. */
  entries: number;
  blobIds: string[];
}

const text = (s: string) => Readable.from([Buffer.from(s)]);

/** A trashed folder of three files (or a single file), trashed by `salvage`'s clock. */
async function trashedItem(salvage: Salvage, me: Actor, driveId: string, name: string, folder: boolean): Promise<Item> {
  if (!folder) {
    const f = (await salvage.entries.createFile(me, { driveId, parentId: 'root', name, content: text(`${name} body`) })).entry;
    await salvage.bin.trash(me, { driveId, fileId: f.id });
    return { id: f.id, bytes: f.size, entries: 1, blobIds: [f.blobId!] };
  }
  const dir = (await salvage.entries.createFolder(me, { driveId, parentId: 'root', name })).entry;
  const files = [];
  for (let i = 0; i < 3; i++) {
    files.push((await salvage.entries.createFile(me, { driveId, parentId: dir.id, name: `${i}.txt`, content: text(`${name}/${i}`) })).entry);
  }
  await salvage.bin.trash(me, { driveId, fileId: dir.id });
  return { id: dir.id, bytes: files.reduce((s, f) => s + f.size, 0), entries: 4, blobIds: files.map((f) => f.blobId!) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasFaketime).each(await testDatabases())('retention under a shifted clock (faketime, %s)', (database) => {
  let scratch: ScratchStore | undefined;
  /** The auditor's own handle on the server's database: read beside the running server. */
  let auditor: Store | undefined;
  let server: SpawnedNode | undefined;

  const db = () => auditor!.db;
  const driveRow = async (id: string) => {
    const row = await db().selectFrom('drives').select(['used_size', 'bin_bytes']).where('id', '=', id).executeTakeFirstOrThrow();
    return { used_size: Number(row.used_size), bin_bytes: Number(row.bin_bytes) };
  };
  const expireJobs = async (driveId: string) =>
    (
      await db()
        .selectFrom('jobs')
        .select(['id', 'type', 'state', 'processed', 'total', 'failed', 'created_at'])
        .where('drive_id', '=', driveId)
        .where('type', '=', 'expire')
        .orderBy('id')
        .execute()
    ).map((j) => ({ ...j, processed: Number(j.processed), total: Number(j.total), failed: Number(j.failed), created_at: Number(j.created_at) }));
  const exists = async (driveId: string, id: string) =>
    (await db().selectFrom('entries').select('id').where('drive_id', '=', driveId).where('id', '=', id).executeTakeFirst()) !== undefined;

  async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (!server?.running) throw new Error(`the server exited while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** The server 40 days ahead, checking retention every 200 ms. faketime shifts the child's clock only, not the database's. */
  const shiftedServer = () =>
    new SpawnedNode({
      dataDir: scratch!.dataDir,
      databaseUrl: scratch!.databaseUrl,
      wrapper: [FAKETIME, '-f', `+${SHIFT_DAYS}d`],
      env: { FAKETIME_NO_CACHE: '1', DONT_FAKE_MONOTONIC: '1', SALVAGE_RETENTION_CHECK_MS: '200', SALVAGE_POLL_INTERVAL_MS: '50' },
    });

  beforeAll(async () => {
    scratch = await scratchStore(database, 'salvage-retention-');
  });
  afterAll(async () => {
    await server?.kill();
    await auditor?.close();
    await scratch?.remove();
  });

  it('purges expired items, keeps young ones, and applies a new ReservedDays to items already in the bin', async () => {
    onTestFailed(() => console.log(`--- salvage serve output ---\n${server?.output() || '(not started)'}`));
    const { dataDir, databaseUrl } = scratch!;

    // 1. Real clock: two drives, 30 and 60 days, with live data and items trashed now.
    const seeded = await startTestNode({ dataDir, database, databaseUrl, jobConcurrency: 0 });
    let thirty: string, sixty: string, liveFileId: string;
    let old30: Item[], old60: Item[];
    try {
      const { salvage: s, adminActor: me } = seeded;
      thirty = (await s.drives.create(me, { name: 'thirty', origin: 'pds' })).id;
      sixty = (await s.drives.create(me, { name: 'sixty', origin: 'pds' })).id;
      await s.bin.updateRetention(me, { driveId: thirty, reservedDays: 30 });
      await s.bin.updateRetention(me, { driveId: sixty, reservedDays: 60 });
      liveFileId = (await s.entries.createFile(me, { driveId: thirty, parentId: 'root', name: 'live.txt', content: text('live') })).entry.id;
      await s.entries.createFile(me, { driveId: sixty, parentId: 'root', name: 'live.txt', content: text('live') });
      old30 = [await trashedItem(s, me, thirty, 'old-folder', true), await trashedItem(s, me, thirty, 'old.txt', false)];
      old60 = [await trashedItem(s, me, sixty, 'old-folder', true), await trashedItem(s, me, sixty, 'old.txt', false)];
    } finally {
      await seeded.close();
    }
    auditor = await scratch!.open();
    const bytes = (items: Item[]) => items.reduce((sum, i) => sum + i.bytes, 0);
    const before30 = await driveRow(thirty);
    expect(before30.bin_bytes).toBe(bytes(old30));

    // 2. The server 40 days on: the 30-day items expire, the 60-day ones do not.
    server = shiftedServer();
    await server.start();
    const job30 = await until('an expire job on the 30-day drive to finish', async () =>
      (await expireJobs(thirty)).find((j) => j.state !== 'queued' && j.state !== 'running'),
    );
    expect(job30).toMatchObject({ type: 'expire', state: 'succeeded', failed: 0 });
    expect(job30.processed).toBe(old30.reduce((n, i) => n + i.entries, 0));
    // The job was made by the shifted clock, so faketime did reach the server.
    expect(job30.created_at).toBeGreaterThan(Date.now() + (SHIFT_DAYS - 1) * DAY);
    for (const item of old30) expect(await exists(thirty, item.id)).toBe(false);
    expect(await driveRow(thirty)).toEqual({ used_size: before30.used_size - bytes(old30), bin_bytes: 0 });
    await sleep(1_000); // five more retention ticks
    expect(await expireJobs(sixty)).toEqual([]);
    for (const item of old60) expect(await exists(sixty, item.id)).toBe(true);
    expect((await driveRow(sixty)).bin_bytes).toBe(bytes(old60));
    expect(await exists(thirty, liveFileId)).toBe(true);
    await server.stop();
    // A clean stop has removed the purged contents from disk.
    const onDisk = await blobFilesOnDisk(dataDir);
    for (const blobId of old30.flatMap((i) => i.blobIds)) expect(onDisk.has(blobId)).toBe(false);
    for (const blobId of old60.flatMap((i) => i.blobIds)) expect(onDisk.has(blobId)).toBe(true);

    // 3. At the shifted now: remaining lifetimes, new (young) items, and 60 -> 10 days.
    let young: Item[];
    const core = await openShiftedCore(dataDir, databaseUrl, SHIFT_DAYS * DAY);
    try {
      const { salvage: s, admin: me } = core;
      const listed = (await s.bin.list(me, { driveId: sixty })).items;
      expect(listed.map((i) => i.id).sort()).toEqual(old60.map((i) => i.id).sort());
      for (const item of listed) {
        // Trashed at the real now, seen 40 days later: 60 - 40 = 20 days left (give or take the test's run time).
        const expected = (item.trashedAt + 60 * DAY - (Date.now() + SHIFT_DAYS * DAY)) / 1000;
        expect(Math.abs(item.autoDeleteLeftSec! - expected)).toBeLessThanOrEqual(2);
        expect(Math.abs(item.autoDeleteLeftSec! - 20 * 86_400)).toBeLessThan(300);
      }
      young = [await trashedItem(s, me, thirty, 'young.txt', false), await trashedItem(s, me, sixty, 'young-folder', true)];
      const fresh = (await s.bin.list(me, { driveId: thirty })).items;
      expect(fresh.map((i) => i.id)).toEqual([young[0]!.id]);
      expect(Math.abs(fresh[0]!.autoDeleteLeftSec! - 30 * 86_400)).toBeLessThanOrEqual(5);
      await s.bin.updateRetention(me, { driveId: sixty, reservedDays: 10 });
    } finally {
      await core.salvage.close();
    }

    // 4. Back under the shifted clock: the lowered retention expires the old 60-day items
    //    (40 days old > 10); the young items, a moment old, stay.
    const before60 = await driveRow(sixty);
    await server.start();
    const job60 = await until('an expire job on the formerly 60-day drive to finish', async () =>
      (await expireJobs(sixty)).find((j) => j.state !== 'queued' && j.state !== 'running'),
    );
    expect(job60).toMatchObject({ state: 'succeeded', failed: 0, processed: old60.reduce((n, i) => n + i.entries, 0) });
    for (const item of old60) expect(await exists(sixty, item.id)).toBe(false);
    expect(await driveRow(sixty)).toEqual({ used_size: before60.used_size - bytes(old60), bin_bytes: young[1]!.bytes });
    await sleep(1_000);
    for (const item of young) expect(await exists(item === young[0] ? thirty : sixty, item.id)).toBe(true);
    expect(await expireJobs(thirty)).toHaveLength(1);
    expect((await driveRow(thirty)).bin_bytes).toBe(young[0]!.bytes);
    await server.stop();

    const audit = await auditStore(db(), dataDir);
    expect(audit.problems).toEqual([]);
    expect(audit.pendingBlobDeletions.size).toBe(0);
    expect(audit.stagedFiles).toEqual([]);
    expect([...audit.blobFiles].sort()).toEqual([...audit.referencedBlobs].sort());
  }, 120_000);
});
