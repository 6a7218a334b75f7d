import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Salvage } from '../../src/core/salvage.js';
import type { Actor } from '../../src/core/types.js';
import { startTestNode } from '../support/node.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { blobFilesOnDisk, openReadOnly, storeFacts } from '../support/store-facts.js';
import { openShiftedCore } from './shifted-core.js';

/**
 * SPEC section 2, retention: items older than ReservedDays are purged by `expire` jobs on
 * the system clock, and the server behaves when started under a shifted clock. The server
 * runs as a child under Debian's faketime, 40 days ahead; items are trashed at the real
 * now (40 days old to the server) and at the shifted now (brand new to it).
 */

const FAKETIME = '/usr/bin/faketime';
const hasFaketime = existsSync(FAKETIME);
if (!hasFaketime) console.warn(`retention test skipped: ${FAKETIME} is missing (apt-get install faketime; .ci/run installs it)`);

const DAY = 86_400_000;
const SHIFT_DAYS = 40;

interface Item {
  id: string;
  bytes: number;
  /** Entries in its subtree, itself included. */
  entries: number;
  blobIds: string[];
}

let dataDir: string;
let server: SpawnedNode | undefined;

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

interface DriveRow {
  used_size: number;
  bin_bytes: number;
}
interface JobRow {
  id: number;
  type: string;
  state: string;
  processed: number;
  total: number;
  failed: number;
  created_at: number;
}

/** Reads the server's database read-only, beside it. */
function inDb<T>(fn: (db: ReturnType<typeof openReadOnly>) => T): T {
  const db = openReadOnly(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const driveRow = (id: string) => inDb((db) => db.prepare('select used_size, bin_bytes from drives where id = ?').get(id) as DriveRow);
const expireJobs = (driveId: string) =>
  inDb((db) => db.prepare(`select * from jobs where drive_id = ? and type = 'expire' order by id`).all(driveId) as JobRow[]);
const exists = (driveId: string, id: string) =>
  inDb((db) => db.prepare('select 1 from entries where drive_id = ? and id = ?').get(driveId, id) !== undefined);

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (!server?.running) throw new Error(`the server exited while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server 40 days ahead, checking retention every 200 ms. */
const shiftedServer = () =>
  new SpawnedNode({
    dataDir,
    wrapper: [FAKETIME, '-f', `+${SHIFT_DAYS}d`],
    env: { FAKETIME_NO_CACHE: '1', DONT_FAKE_MONOTONIC: '1', SALVAGE_RETENTION_CHECK_MS: '200', SALVAGE_POLL_INTERVAL_MS: '50' },
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'salvage-retention-'));
});
afterAll(async () => {
  await server?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!hasFaketime)('retention under a shifted clock (faketime)', () => {
  it('purges expired items, keeps young ones, and applies a new ReservedDays to items already in the bin', async () => {
    onTestFailed(() => console.log(`--- salvage serve output ---\n${server?.output() ?? '(not started)'}`));

    // 1. Real clock: two drives, 30 and 60 days, with live data and items trashed now.
    const seeded = await startTestNode({ dataDir, jobConcurrency: 0 });
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
    const bytes = (items: Item[]) => items.reduce((sum, i) => sum + i.bytes, 0);
    const before30 = driveRow(thirty);
    expect(before30.bin_bytes).toBe(bytes(old30));

    // 2. The server 40 days on: the 30-day items expire, the 60-day ones do not.
    server = shiftedServer();
    await server.start();
    const job30 = await until('an expire job on the 30-day drive to finish', () =>
      expireJobs(thirty).find((j) => j.state !== 'queued' && j.state !== 'running'),
    );
    expect(job30).toMatchObject({ type: 'expire', state: 'succeeded', failed: 0 });
    expect(job30.processed).toBe(old30.reduce((n, i) => n + i.entries, 0));
    // The job was made by the shifted clock, so faketime did reach the server.
    expect(job30.created_at).toBeGreaterThan(Date.now() + (SHIFT_DAYS - 1) * DAY);
    for (const item of old30) expect(exists(thirty, item.id)).toBe(false);
    expect(driveRow(thirty)).toEqual({ used_size: before30.used_size - bytes(old30), bin_bytes: 0 });
    await sleep(1_000); // five more retention ticks
    expect(expireJobs(sixty)).toEqual([]);
    for (const item of old60) expect(exists(sixty, item.id)).toBe(true);
    expect(driveRow(sixty).bin_bytes).toBe(bytes(old60));
    expect(exists(thirty, liveFileId)).toBe(true);
    await server.stop();
    // A clean stop has removed the purged contents from disk.
    const onDisk = blobFilesOnDisk(dataDir);
    for (const blobId of old30.flatMap((i) => i.blobIds)) expect(onDisk.has(blobId)).toBe(false);
    for (const blobId of old60.flatMap((i) => i.blobIds)) expect(onDisk.has(blobId)).toBe(true);

    // 3. At the shifted now: remaining lifetimes, new (young) items, and 60 -> 10 days.
    let young: Item[];
    const core = await openShiftedCore(dataDir, SHIFT_DAYS * DAY);
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
    const before60 = driveRow(sixty);
    await server.start();
    const job60 = await until('an expire job on the formerly 60-day drive to finish', () =>
      expireJobs(sixty).find((j) => j.state !== 'queued' && j.state !== 'running'),
    );
    expect(job60).toMatchObject({ state: 'succeeded', failed: 0, processed: old60.reduce((n, i) => n + i.entries, 0) });
    for (const item of old60) expect(exists(sixty, item.id)).toBe(false);
    expect(driveRow(sixty)).toEqual({ used_size: before60.used_size - bytes(old60), bin_bytes: young[1]!.bytes });
    await sleep(1_000);
    for (const item of young) expect(exists(item === young[0] ? thirty : sixty, item.id)).toBe(true);
    expect(expireJobs(thirty)).toHaveLength(1);
    expect(driveRow(thirty).bin_bytes).toBe(young[0]!.bytes);
    await server.stop();

    const facts = storeFacts(dataDir);
    expect(facts.problems).toEqual([]);
    expect(facts.pendingBlobDeletions.size).toBe(0);
    expect([...blobFilesOnDisk(dataDir)].sort()).toEqual([...facts.referencedBlobs].sort());
  }, 120_000);
});
