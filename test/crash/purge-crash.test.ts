import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { PdsClient } from '../pds/support/pds-client.js';
import { testDatabases } from '../support/databases.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { auditStore } from '../support/store-audit.js';
import { type CrashScene, NESTED_COUNT, type SceneSnapshot, seedCrashScene, snapshotScene } from './crash-seed.js';
import { binItems, folderItems, signIn, watchTask } from './pds-session.js';
import type { EntryFacts } from './snapshot.js';

/**
 * SPEC section 2, permanent delete: "a crash in the middle loses nothing that was not
 * asked to be deleted; after restart the job carries on", and a trash root nested in the
 * purged folder survives it. `salvage serve` runs as a child process; everything the test
 * asks of it goes through its PDS API: trash, DeleteFile, the task's progress, the bin,
 * restore, used_size. The child is killed with SIGKILL twice while it purges a folder of
 * 20,000+ entries; after each kill the store is audited beside it, and at the end the
 * whole scene is compared with a snapshot taken before the purge.
 */

/** Small batches: hundreds of commits, so a kill lands mid-way, between or inside one. */
const BATCH = 50;
/**
 * On PostgreSQL a restarted node takes its dead predecessor's job only once the lease
 * has run out (it cannot tell a dead node from a slow one); short, so restarts are quick.
 */
const LEASE_MS = 1500;

const sortById = (m: Map<string, EntryFacts>) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id));
const fileBytes = (...maps: Map<string, EntryFacts>[]) =>
  maps.flatMap((m) => [...m.values()]).reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0);
const without = (m: Map<string, EntryFacts>, ids: Set<string>) => new Map([...m].filter(([id]) => !ids.has(id)));
/** The ids of `rootId` and everything below it, from the parent links of a snapshot. */
function subtreeIds(m: Map<string, EntryFacts>, rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let size = 0;
  while (ids.size > size) {
    size = ids.size;
    for (const e of m.values()) if (e.parentId !== null && ids.has(e.parentId)) ids.add(e.id);
  }
  return ids;
}

describe.each(await testDatabases())('purge survives kill -9 (%s)', (database) => {
  let scratch: ScratchStore | undefined;
  /** The auditor's own handle on the server's database. */
  let auditor: Store | undefined;
  let scene: CrashScene;
  const children: SpawnedNode[] = [];

  const child = (env: Record<string, string> = {}) => {
    const node = new SpawnedNode({
      dataDir: scratch!.dataDir,
      databaseUrl: scratch!.databaseUrl,
      env: { SALVAGE_PURGE_BATCH_SIZE: String(BATCH), SALVAGE_POLL_INTERVAL_MS: '50', SALVAGE_JOB_LEASE_MS: String(LEASE_MS), ...env },
    });
    children.push(node);
    return node;
  };

  beforeAll(async () => {
    scratch = await scratchStore(database, 'salvage-crash-');
    const started = Date.now();
    scene = await seedCrashScene(scratch);
    console.log(`[${database}] seeded ${scene.bigEntries} entries under the target in ${Date.now() - started} ms`);
  }, 120_000);

  afterAll(async () => {
    for (const node of children) await node.kill();
    await auditor?.close();
    await scratch?.remove();
  });

  it('resumes after two crashes and purges exactly the target', async () => {
    onTestFailed(() => {
      for (const node of children) console.log(`--- salvage serve output ---\n${node.output() || '(not started)'}`);
    });
    const { dataDir } = scratch!;
    const { driveId, otherDriveId, bigId, nestedId } = scene;
    const t0 = Date.now();
    const lap = (what: string) => console.log(`[${database}] ${what} at ${Date.now() - t0} ms`);

    // 1. A server that runs no jobs: trash the nested folder, then the target, then
    //    delete the target for good. The task waits, queued, for the server of step 2.
    const setup = child({ SALVAGE_JOB_CONCURRENCY: '0' });
    await setup.start();
    const token = await signIn(setup.url);
    let pds = new PdsClient(setup.url, token);
    expect(await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: nestedId }, 202)).toMatchObject({ async_task_id: '' });
    expect(await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: bigId }, 202)).toMatchObject({ async_task_id: '' });
    const deleted = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: bigId }, 202);
    expect(deleted).toMatchObject({ drive_id: driveId, file_id: bigId, async_task_id: expect.stringMatching(/^\d+$/) });
    const taskId = deleted.async_task_id as string;
    const queued = await pds.ok('/v2/async_task/get', { async_task_id: taskId });
    // The nested folder, trashed on its own, is not part of the purge.
    expect(queued).toMatchObject({ state: 'Running', consumed_process: 0, total_process: scene.bigEntries - NESTED_COUNT });
    const total = queued.total_process as number;
    await setup.stop();

    // What the purge must leave alone, and a consistent store, before it starts.
    const before = await snapshotScene(scratch!, scene);
    auditor = await scratch!.open();
    expect((await auditStore(auditor.db, dataDir)).problems).toEqual([]);
    lap('queued and snapshotted');

    /** After a kill: the store obeys every rule, and progress matches what is left of the target. */
    const auditAfterKill = async () => {
      expect((await auditStore(auditor!.db, dataDir)).problems).toEqual([]);
      const job = await auditor!.db
        .selectFrom('jobs')
        .select(['state', 'processed', 'failed', 'total'])
        .where('id', '=', Number(taskId))
        .executeTakeFirstOrThrow();
      expect(job).toMatchObject({ state: 'running', failed: 0, total });
      // Progress is committed with the batch it counts: never ahead of, never behind, the tree.
      const left = await auditor!.db.selectFrom('entries').select('tree_count').where('drive_id', '=', driveId).where('id', '=', bigId).executeTakeFirst();
      expect(Number(job.processed) + Number(left?.tree_count ?? 0)).toBe(total);
      return Number(job.processed);
    };

    // 2. First crash, between a quarter and 60% of the way.
    const server = child();
    await server.start();
    pds = new PdsClient(server.url, token);
    const seenFirst = await watchTask(server, pds, taskId, (t) => t.consumed_process >= total * 0.25);
    expect(seenFirst.state).toBe('Running');
    expect(seenFirst.consumed_process).toBeLessThan(total * 0.6);
    await server.kill();
    const first = await auditAfterKill();
    lap(`first kill (${seenFirst.consumed_process} seen, ${first} committed)`);
    expect(first).toBeGreaterThanOrEqual(seenFirst.consumed_process);
    expect(first).toBeLessThan(total);

    // 3. Second crash, later: the job must have resumed from where the first run stopped.
    await server.start();
    pds = new PdsClient(server.url, token);
    const resumed = await pds.ok('/v2/async_task/get', { async_task_id: taskId });
    expect(resumed).toMatchObject({ state: 'Running', total_process: total });
    expect(resumed.consumed_process).toBeGreaterThanOrEqual(first);
    const seenSecond = await watchTask(server, pds, taskId, (t) => t.consumed_process >= Math.max(total * 0.6, first + BATCH));
    expect(seenSecond.state).toBe('Running');
    expect(seenSecond.consumed_process).toBeLessThan(total);
    await server.kill();
    const second = await auditAfterKill();
    lap(`second kill (${seenSecond.consumed_process} seen, ${second} committed)`);
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThan(total);

    // 4. The third run finishes the job.
    await server.start();
    pds = new PdsClient(server.url, token);
    const done = await watchTask(server, pds, taskId, (t) => t.state !== 'Running');
    expect(done).toMatchObject({ state: 'Succeed', consumed_process: total, total_process: total, error_code: '' });
    lap(`done (kills at ${first} and ${second} of ${total})`);

    // Space: exactly the bytes of what is left, in both drives.
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(fileBytes(before.live, before.bin));
    expect((await pds.ok('/v2/drive/get', { drive_id: otherDriveId })).used_size).toBe(fileBytes(before.otherLive, before.otherBin));
    await pds.fails('/v2/file/get', { drive_id: driveId, file_id: bigId }, 404, 'NotFound.File');

    // The bin: the nested root outlived its purged parent, still an item, still browsable.
    const bin = await binItems(pds, driveId);
    expect(bin.map((i) => i.file_id)).toEqual([nestedId, scene.looseId, scene.oldId]);
    const nestedBefore = before.bin.get(nestedId)!;
    expect(bin[0]).toMatchObject({
      name: 'd3',
      type: 'folder',
      parent_file_id: '',
      trashed: true,
      trashed_at: new Date(nestedBefore.trashedAt!).toISOString(),
      original_parent_file_id: bigId,
      original_path: nestedBefore.origPath,
    });
    const inside = await folderItems(pds, driveId, nestedId);
    const insideBefore = [...before.bin.values()].filter((e) => e.parentId === nestedId);
    expect(inside.map((i) => i.file_id).sort()).toEqual(insideBefore.map((e) => e.id).sort());

    // It restores under root (its old folder is gone), and its bytes stay counted.
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: nestedId }, 202);
    const restored = await watchTask(server, pds, restore.async_task_id as string, (t) => t.state !== 'Running', 20_000);
    expect(restored).toMatchObject({ state: 'Succeed', error_code: '' });
    expect(restored.consumed_process).toBe(restored.total_process);
    expect(await pds.ok('/v2/file/get', { drive_id: driveId, file_id: nestedId })).toMatchObject({
      parent_file_id: 'root',
      name: 'd3',
      trashed: false,
      trashed_at: null,
    });
    expect((await binItems(pds, driveId)).map((i) => i.file_id)).toEqual([scene.looseId, scene.oldId]);
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(fileBytes(before.live, before.bin));

    // A clean stop lets the server remove the freed blobs it queued.
    await server.stop();
    expect(server.running).toBe(false);
    await verifyEndState(before);
    lap('verified');
  }, 240_000);

  /** The end state, audited with the server stopped: everything not asked for is intact, and nothing leaked. */
  async function verifyEndState(before: SceneSnapshot): Promise<void> {
    const { nestedId, driveId } = scene;
    const audit = await auditStore(auditor!.db, scratch!.dataDir);
    expect(audit.problems).toEqual([]);
    // Blobs: on disk exactly those entries reference; no deletion left pending, nothing staged.
    expect(audit.pendingBlobDeletions.size).toBe(0);
    expect(audit.stagedFiles).toEqual([]);
    expect([...audit.blobFiles].sort()).toEqual([...audit.referencedBlobs].sort());
    expect(audit.entries).toBe(2 /* roots */ + before.live.size + before.bin.size + before.otherLive.size + before.otherBin.size);
    expect(await auditor!.db.selectFrom('entries').select('id').where('drive_id', '=', driveId).where('id', '=', scene.bigId).executeTakeFirst()).toBeUndefined();

    const after = await snapshotScene(scratch!, scene);
    // The other drive: untouched.
    expect(sortById(after.otherLive)).toEqual(sortById(before.otherLive));
    expect(sortById(after.otherBin)).toEqual(sortById(before.otherBin));
    // Live data: all of it, plus exactly the nested subtree, back with the same contents.
    const nested = subtreeIds(before.bin, nestedId);
    expect(nested.size).toBe(NESTED_COUNT);
    expect(sortById(without(after.live, nested))).toEqual(sortById(before.live));
    const cameBack = [...after.live.values()].filter((e) => !before.live.has(e.id));
    expect(new Set(cameBack.map((e) => e.id))).toEqual(nested);
    const content = ({ name, type, size, contentHash, sha1 }: EntryFacts) => ({ name, type, size, contentHash, sha1 });
    for (const e of cameBack) expect(content(e)).toEqual(content(before.bin.get(e.id)!));
    // The bin: the other items, untouched.
    expect(sortById(after.bin)).toEqual(sortById(without(before.bin, nested)));
    // Space: the target's bytes counted until its purge, released by it.
    expect(before.usedSize).toBeGreaterThan(fileBytes(before.live, before.bin));
    expect(after.usedSize).toBe(fileBytes(before.live, before.bin));
    expect(after.binBytes).toBe(fileBytes(after.bin));
    expect(after.binAttributeSize).toBe(after.binBytes);
  }
});
