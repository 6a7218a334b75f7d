import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEntryRow } from '../../src/core/entries/new-entry.js';
import { newDeletionEventId } from '../../src/core/ids.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { auditStore } from '../support/store-audit.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

/**
 * Issue 14 item 8: a mass deletion of 100,000 items in one event, undone by
 * `restore_all {deletion_event_id}` with nothing else touched: 100,000 on SQLite, 20,000 on
 * PostgreSQL. Measured on the shared 2-core machine: the restore of 100,000 took 49 s on
 * SQLite (each restored row's index and trigram-table upkeep: 0.1 to 0.3 ms a row), the
 * whole test about 90 s with its seeding and checks; 20,000 took 11 to 16 s on
 * PostgreSQL, the test 22 to 29 s.
 */
const ITEMS = { sqlite: 100_000, postgres: 20_000 } as const;
/** Bound parameters a seeding INSERT: under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const PARAMS_PER_INSERT = 30_000;

describe.each(await testDatabases())('a mass deletion undone by its deletion event on %s', (database) => {
  const items = ITEMS[database];
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  /** Every entry row of the drive, by id, as the database holds it. */
  const rows = async (driveId: string) => {
    const all = await node.salvage.ctx.store.db.selectFrom('entries').selectAll().where('drive_id', '=', driveId).execute();
    return new Map(all.map((r) => [r.id, r]));
  };

  it(`brings back ${items.toLocaleString('en')} items trashed at once, and only them`, async () => {
    const { salvage, adminActor: admin } = node;
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'mass' }, 201)).drive_id as string;
    // Around the mass deletion: a live file, another folder's items trashed on their own, and one trashed alongside.
    const mass = (await makeFolder(pds, driveId, 'root', 'mass')).file_id as string;
    const other = (await makeFolder(pds, driveId, 'root', 'other')).file_id as string;
    await uploadFile(pds, driveId, other, 'stays.txt', 'live');
    for (const name of ['gone-1.txt', 'gone-2.txt']) {
      const f = await uploadFile(pds, driveId, other, name, name);
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    }
    // One of /mass's children that was deleted earlier, by another call: it stays in the bin.
    const earlier = (await makeFolder(pds, driveId, mass, 'earlier')).file_id as string;
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: earlier }, 202);

    // The seed: `items` empty folders under /mass, all trashed in one event. Through the API
    // a trash costs a transaction each (minutes for 100,000), so the rows go straight into
    // the store as trashing each empty folder leaves it: the trash columns set, one deletion
    // event for all, and not counted in /mass or root (an item in the bin is not), a few
    // hundred statements in all: 9.5 s on SQLite, where writing them live and then trashing
    // them by one update took 18 s (the update rewrites every row's indexes a second time).
    // The store's auditor checks the counters before the test relies on them.
    const eventId = newDeletionEventId();
    const at = Date.now();
    const seeding = Date.now();
    const seed = Array.from({ length: items }, (_, d) => ({
      ...newEntryRow({ driveId, parentId: mass, name: `b${d}`, type: 'folder', createdBy: admin.userId, now: at }),
      trashed_at: at,
      trashed_by: admin.userId,
      orig_parent_id: mass,
      orig_path: `/mass/b${d}`,
      deletion_event_id: eventId,
    }));
    const perInsert = Math.floor(PARAMS_PER_INSERT / Object.keys(seed[0]!).length);
    await salvage.ctx.store.writeDrive(driveId, async (w) => {
      for (let i = 0; i < seed.length; i += perInsert) await w.tx.insertInto('entries').values(seed.slice(i, i + perInsert)).execute();
    });
    console.info(`${database}: seeded ${items} bin items in ${Date.now() - seeding} ms`);
    expect((await auditStore(salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
    const before = await rows(driveId);
    const event = [...before.values()].filter((r) => r.deletion_event_id === eventId);
    expect(event).toHaveLength(items);
    expect((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: mass, limit: 10 })).items).toEqual([]);

    const dry = await pds.ok('/v2/recyclebin/restore_all', { drive_id: driveId, deletion_event_id: eventId, dry_run: true });
    expect([dry.count, (dry.items as Json[]).length, dry.items[0].destination_path]).toEqual([items, 100, '/mass']);

    const started = Date.now();
    const { async_task_id } = await pds.ok('/v2/recyclebin/restore_all', { drive_id: driveId, deletion_event_id: eventId }, 202);
    const task = await waitForTask(pds, async_task_id as string, 200_000);
    const took = Date.now() - started;
    expect([task.state, task.consumed_process, task.total_process]).toEqual(['Succeed', items, items]);

    const after = await rows(driveId);
    expect(after.size).toBe(before.size);
    const restored = new Set(event.map((r) => r.id));
    for (const r of event) {
      const now = after.get(r.id)!;
      expect([now.parent_id, now.name, now.trashed_at, now.deletion_event_id]).toEqual([mass, r.name, null, null]);
    }
    // Everything else as it was, but the counters of /mass and root, which got the items back.
    for (const [id, was] of before) {
      if (restored.has(id)) continue;
      const now = after.get(id)!;
      if (id === mass || id === 'root') {
        expect(Number(now.tree_count)).toBe(Number(was.tree_count) + items);
        expect({ ...now, tree_count: 0, changed_at: 0 }).toEqual({ ...was, tree_count: 0, changed_at: 0 });
      } else {
        expect(now, `entry ${was.name}`).toEqual(was);
      }
    }
    expect(((await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 100 })).items as Json[]).map((i) => i.name).sort()).toEqual([
      'earlier',
      'gone-1.txt',
      'gone-2.txt',
    ]);
    expect((await auditStore(salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
    // For the record of what it cost on this machine.
    console.info(`${database}: restored ${items} items of one deletion event in ${took} ms`);
  }, 240_000);
});
