import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { scratchStore, type ScratchStore } from '../support/scratch-store.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';

const databases = await testDatabases();

/**
 * An accepted request is honoured: a restore that was queued (202) behind a running job
 * must win over an "empty the bin" or a permanent delete asked for after it. The first
 * node has no job engine, so every job stays queued in the order asked; a second node on
 * the same store then runs them.
 */
describe.each(databases)('a queued restore wins over later purges on %s', (database) => {
  let scratch: ScratchStore;
  let nodes: TestNode[] = [];
  beforeEach(async () => {
    scratch = await scratchStore(database, 'salvage-order-');
  });
  afterEach(async () => {
    for (const n of nodes) await n.close();
    nodes = [];
    await scratch.remove();
  });
  const start = async (jobConcurrency?: number) => {
    const node = await startTestNode({ database, dataDir: scratch.dataDir, databaseUrl: scratch.databaseUrl, jobConcurrency });
    nodes.push(node);
    return { node, pds: await signIn(node) };
  };
  /** The first node stops; a node with an engine runs what it queued. */
  const handOver = async (): Promise<PdsClient> => {
    await nodes.pop()!.close();
    return (await start()).pds;
  };
  const names = async (pds: PdsClient, driveId: string) =>
    (await pds.ok('/v2/recyclebin/list', { drive_id: driveId })).items.map((i: Json) => i.name).sort();

  /** A drive whose bin is busy: a permanent delete is queued ahead of everything else. */
  const busyDrive = async (pds: PdsClient) => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'busy' }, 201)).drive_id as string;
    const ahead = await uploadFile(pds, driveId, 'root', 'ahead.bin', 'ahead');
    await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: ahead.file_id }, 202);
    return driveId;
  };

  it('restores important.txt although the bin was emptied after the restore was accepted', async () => {
    const { pds } = await start(0);
    const driveId = await busyDrive(pds);
    const important = await uploadFile(pds, driveId, 'root', 'important.txt', 'precious');
    const other = await uploadFile(pds, driveId, 'root', 'other.txt', 'junk');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: other.file_id }, 202);
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: important.file_id }, 202);
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: important.file_id }, 202);
    const clear = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    // The clear hides what it will purge at once, but not the item the restore holds.
    expect(await names(pds, driveId)).toEqual(['important.txt']);

    const next = await handOver();
    expect((await waitForTask(next, restore.async_task_id)).state).toBe('Succeed');
    expect((await waitForTask(next, clear.async_task_id)).state).toBe('Succeed');
    const file = await next.ok('/v2/file/get', { drive_id: driveId, file_id: important.file_id });
    expect(file).toMatchObject({ name: 'important.txt', parent_file_id: 'root', size: 8, trashed_at: null });
    await next.fails('/v2/file/get', { drive_id: driveId, file_id: other.file_id }, 404, 'NotFound.File');
    expect(await names(next, driveId)).toEqual([]);
    expect((await next.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(8);
  });

  it('restores an item from inside a trashed folder although the bin was emptied after', async () => {
    const { pds } = await start(0);
    const driveId = await busyDrive(pds);
    const folder = await makeFolder(pds, driveId, 'root', 'reports');
    const inner = await uploadFile(pds, driveId, folder.file_id, 'q3.txt', 'numbers');
    await uploadFile(pds, driveId, folder.file_id, 'draft.txt', 'scrap');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: folder.file_id }, 202);
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: inner.file_id }, 202);
    const clear = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);

    const next = await handOver();
    expect((await waitForTask(next, restore.async_task_id)).state).toBe('Succeed');
    expect((await waitForTask(next, clear.async_task_id)).state).toBe('Succeed');
    const file = await next.ok('/v2/file/get', { drive_id: driveId, file_id: inner.file_id });
    expect(file).toMatchObject({ name: 'q3.txt', size: 7, trashed_at: null });
    // Its folder was made again at its old place, as PDS does; the rest went with the clear.
    const parent = await next.ok('/v2/file/get', { drive_id: driveId, file_id: file.parent_file_id });
    expect(parent).toMatchObject({ name: 'reports', parent_file_id: 'root' });
    expect(await names(next, driveId)).toEqual([]);
    expect((await next.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(7);
  });

  it('refuses a permanent delete of an item a queued restore holds, naming the restore', async () => {
    const { pds } = await start(0);
    const driveId = await busyDrive(pds);
    const important = await uploadFile(pds, driveId, 'root', 'important.txt', 'precious');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: important.file_id }, 202);
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: important.file_id }, 202);
    const refused = await pds.fails('/v2/file/delete', { drive_id: driveId, file_id: important.file_id }, 409, 'StateConflict');
    expect(refused.message).toContain(String(restore.async_task_id));

    const next = await handOver();
    expect((await waitForTask(next, restore.async_task_id)).state).toBe('Succeed');
    expect((await next.ok('/v2/file/get', { drive_id: driveId, file_id: important.file_id })).trashed_at).toBeNull();
  });

  it('lets the item go with a later clear once its queued restore is cancelled', async () => {
    const { node, pds } = await start(0);
    const driveId = await busyDrive(pds);
    const item = await uploadFile(pds, driveId, 'root', 'maybe.txt', 'maybe');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: item.file_id }, 202);
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: item.file_id }, 202);
    const clear = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    await node.salvage.jobs.cancel(node.adminActor, restore.async_task_id);
    expect(await names(pds, driveId)).toEqual([]);

    const next = await handOver();
    expect((await waitForTask(next, clear.async_task_id)).state).toBe('Succeed');
    await next.fails('/v2/file/get', { drive_id: driveId, file_id: item.file_id }, 404, 'NotFound.File');
    expect((await next.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(0);
  });
});
