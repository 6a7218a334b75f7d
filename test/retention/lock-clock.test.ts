import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { signedIn } from '../jobs/support/jobs-client.js';
import { signIn, waitForTask } from '../pds/support/pds-client.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode } from '../support/node.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { systemProgram } from '../support/system-deps.js';

/**
 * Issue 14 item 5: a retention lock holds under a shifted clock, and ends exactly on time.
 * Two items go to a bin with a 2-day compliance lock and a 2-day retention; the server then
 * runs under faketime with its clock frozen, first one minute before the lock ends (the
 * items may not be deleted, an emptied bin keeps them, retention does not purge them), then
 * at the second it ends (retention purges them). Frozen, not shifted: a shifted clock
 * would go on ticking through the server's start, and "a minute before" would drift.
 */

const FAKETIME = '/usr/bin/faketime';
const hasFaketime = systemProgram({ name: 'faketime', path: FAKETIME });

const DAY = 86_400_000;
const LOCK_DAYS = 2;

/** A time as faketime's absolute, frozen format reads it (with TZ=UTC): to the second. */
const frozenAt = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasFaketime).each(await testDatabases())('a retention lock under a frozen clock (faketime, %s)', (database) => {
  let scratch: ScratchStore | undefined;
  let auditor: Store | undefined;
  let server: SpawnedNode | undefined;
  let driveId = '';
  const items: { id: string; trashedAt: number }[] = [];

  const frozenServer = (at: number) =>
    new SpawnedNode({
      dataDir: scratch!.dataDir,
      databaseUrl: scratch!.databaseUrl,
      wrapper: [FAKETIME, '-f', frozenAt(at)],
      env: { TZ: 'UTC', FAKETIME_NO_CACHE: '1', DONT_FAKE_MONOTONIC: '1', SALVAGE_RETENTION_CHECK_MS: '200', SALVAGE_POLL_INTERVAL_MS: '50' },
    });
  const exists = async (id: string) =>
    (await auditor!.db.selectFrom('entries').select('id').where('drive_id', '=', driveId).where('id', '=', id).executeTakeFirst()) !== undefined;
  const expireJobs = async () =>
    auditor!.db.selectFrom('jobs').select(['id', 'state', 'failed']).where('drive_id', '=', driveId).where('type', '=', 'expire').execute();

  beforeAll(async () => {
    scratch = await scratchStore(database, 'salvage-lock-clock-');
    const seeded = await startTestNode({ dataDir: scratch.dataDir, database, databaseUrl: scratch.databaseUrl, jobConcurrency: 0 });
    try {
      const { salvage: s, adminActor: me } = seeded;
      driveId = (await s.drives.create(me, { name: 'locked', origin: 'pds' })).id;
      await s.bin.updateRetention(me, { driveId, reservedDays: LOCK_DAYS });
      await s.drives.update(me, { driveId, lock: { mode: 'compliance', minDays: LOCK_DAYS } });
      for (const name of ['a.txt', 'b.txt']) {
        const file = (await s.entries.createFile(me, { driveId, parentId: 'root', name, content: Readable.from([Buffer.from(name)]) })).entry;
        const trashed = (await s.bin.trash(me, { driveId, fileId: file.id })).entry;
        items.push({ id: trashed.id, trashedAt: trashed.trashedAt! });
      }
    } finally {
      await seeded.close();
    }
    auditor = await scratch.open();
  });
  afterAll(async () => {
    await server?.kill();
    await auditor?.close();
    await scratch?.remove();
  });

  it('holds every item until the lock ends, and retention purges them the second it does', async () => {
    onTestFailed(() => console.log(`--- salvage serve output ---\n${server?.output() || '(not started)'}`));
    const ends = Math.max(...items.map((i) => i.trashedAt + LOCK_DAYS * DAY));
    const firstEnds = Math.min(...items.map((i) => i.trashedAt + LOCK_DAYS * DAY));

    // 1. One minute before the first item's lock ends (rounded down to the second).
    server = frozenServer(Math.floor((firstEnds - 60_000) / 1000) * 1000);
    await server.start();
    const pds = await signIn({ url: server.url } as Parameters<typeof signIn>[0]);
    for (const item of items) {
      await pds.fails('/v2/file/delete', { drive_id: driveId, file_id: item.id }, 403, 'Forbidden.RetentionLocked');
    }
    const cleared = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    // Nothing may be purged, so the job purged nothing: it failed, each item reported.
    expect((await waitForTask(pds, cleared.async_task_id as string)).state).toBe('Failed');
    const jobs = await signedIn(server.url);
    const res = await fetch(`${server.url}/v1/jobs/${cleared.async_task_id}/report`, { headers: { cookie: jobs.cookieHeader() } });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ state: 'failed', succeeded: 0, failed: 2 });
    expect(lines.slice(1).map((l) => l.itemId).sort()).toEqual(items.map((i) => i.id).sort());
    await sleep(1_000); // five retention ticks
    expect(await expireJobs()).toEqual([]);
    for (const item of items) expect(await exists(item.id)).toBe(true);
    await server.stop();

    // 2. The second the last lock ends (rounded up): retention purges both.
    server = frozenServer(Math.ceil(ends / 1000) * 1000);
    await server.start();
    const deadline = Date.now() + 30_000;
    while ((await Promise.all(items.map((i) => exists(i.id)))).some(Boolean)) {
      if (Date.now() > deadline) throw new Error('the items were not purged once the lock ended');
      await sleep(100);
    }
    const expired = await expireJobs();
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((j) => Number(j.failed) === 0)).toBe(true);
    await server.stop();
  }, 120_000);
});
