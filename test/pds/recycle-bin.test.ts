import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS recycle bin and tasks on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  const newDrive = async (name: string) => (await pds.ok('/v2/drive/create', { drive_name: name }, 201)).drive_id as string;

  it('trashes a file, refuses what is not live, and answers 404 for unknown ids', async () => {
    const driveId = await newDrive('trash');
    const file = await uploadFile(pds, driveId, 'root', 'f.txt', 'x');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: file.file_id }, 202);
    await pds.fails('/v2/recyclebin/trash', { drive_id: driveId, file_id: file.file_id }, 404, 'NotFound.File');
    await pds.fails('/v2/recyclebin/trash', { drive_id: driveId, file_id: 'missing' }, 404, 'NotFound.File');
    await pds.fails('/v2/recyclebin/trash', { drive_id: 'missing', file_id: file.file_id }, 404, 'NotFound.Drive');
    await pds.fails('/v2/recyclebin/trash', { drive_id: driveId, file_id: 'root' }, 400, 'InvalidParameter');
    await pds.fails('/v2/recyclebin/restore', { drive_id: driveId, file_id: 'missing' }, 404, 'NotFound.File');
    const restored = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: file.file_id }, 202);
    expect((await waitForTask(pds, restored.async_task_id)).state).toBe('Succeed');
    // Restoring what is live is restoring something not in the bin: not found.
    await pds.fails('/v2/recyclebin/restore', { drive_id: driveId, file_id: file.file_id }, 404, 'NotFound.File');
  });

  it('refuses TrashFile with 403 Forbidden.RecycleBinDisabled when the bin is off, but still deletes', async () => {
    const driveId = await newDrive('bin-off');
    const file = await uploadFile(pds, driveId, 'root', 'keep.txt', 'keep');
    await node.salvage.bin.disableAndClean(node.adminActor, { driveId });
    const res = await pds.fails('/v2/recyclebin/trash', { drive_id: driveId, file_id: file.file_id }, 403, 'Forbidden.RecycleBinDisabled');
    expect(res.message).toContain(driveId);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: file.file_id })).trashed_at).toBeNull();
    const del = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: file.file_id }, 202);
    expect((await waitForTask(pds, del.async_task_id)).state).toBe('Succeed');
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(0);
  });

  it('deletes a live entry for good and a trashed one too', async () => {
    const driveId = await newDrive('delete');
    const live = await makeFolder(pds, driveId, 'root', 'live');
    await uploadFile(pds, driveId, live.file_id, 'in.txt', 'abc');
    const binned = await uploadFile(pds, driveId, 'root', 'binned.txt', 'defg');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: binned.file_id }, 202);
    const a = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: live.file_id }, 202);
    const b = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: binned.file_id }, 202);
    expect((await waitForTask(pds, a.async_task_id)).state).toBe('Succeed');
    expect((await waitForTask(pds, b.async_task_id)).state).toBe('Succeed');
    expect((await pds.ok('/v2/file/list', { drive_id: driveId })).items).toEqual([]);
    expect((await pds.ok('/v2/recyclebin/list', { drive_id: driveId })).items).toEqual([]);
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(0);
    await pds.fails('/v2/file/delete', { drive_id: driveId, file_id: live.file_id }, 404, 'NotFound.File');
  });

  it('empties the bin with ClearRecyclebin: empty at once, then the task frees the space', async () => {
    const driveId = await newDrive('clear');
    for (const name of ['1.txt', '2.txt', '3.txt']) {
      const f = await uploadFile(pds, driveId, 'root', name, 'xx');
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    }
    const kept = await uploadFile(pds, driveId, 'root', 'kept.txt', 'kept');
    const res = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    expect(res).toMatchObject({ domain_id: 'salvage', drive_id: driveId });
    expect(res.async_task_id).toMatch(/^\d+$/);
    expect((await pds.ok('/v2/recyclebin/list', { drive_id: driveId })).items).toEqual([]);
    const task = await waitForTask(pds, res.async_task_id);
    expect(task).toMatchObject({ state: 'Succeed', consumed_process: 3, total_process: 3 });
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(4);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: kept.file_id })).name).toBe('kept.txt');
  });

  it('never shows the bin through file/list or file/search; browsing inside is recyclebin/list with parent_file_id', async () => {
    const driveId = await newDrive('inside');
    const box = await makeFolder(pds, driveId, 'root', 'box');
    const sub = await makeFolder(pds, driveId, box.file_id, 'sub');
    for (const name of ['e.txt', 'a.txt', 'd.txt', 'b.txt', 'c.txt']) await uploadFile(pds, driveId, box.file_id, name, name);
    await uploadFile(pds, driveId, sub.file_id, 'deep.txt', 'deep');
    const loose = await uploadFile(pds, driveId, 'root', 'loose.txt', 'loose');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: box.file_id }, 202);
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: loose.file_id }, 202);

    // file/list and file/search: nothing in the bin, and a folder in the bin is not found.
    expect((await pds.ok('/v2/file/list', { drive_id: driveId })).items).toEqual([]);
    for (const parent of [box.file_id, sub.file_id]) {
      const res = await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: parent }, 404, 'NotFound.File');
      expect(res.message).toContain(parent);
    }
    for (const query of ['name match "txt"', `parent_file_id = "${box.file_id}"`, 'type = "folder"']) {
      expect((await pds.ok('/v2/file/search', { drive_id: driveId, query })).items).toEqual([]);
    }

    // Inside the trashed folder, paged like the bin, by name unless asked otherwise.
    const pageAll = async (extra: object) => {
      const seen: Json[] = [];
      let marker = '';
      do {
        const page = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: box.file_id, limit: 2, marker, ...extra });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...(page.items as Json[]));
        marker = page.next_marker;
      } while (marker);
      return seen;
    };
    const inside = await pageAll({});
    // By name, folders first (docs/pds.md), in either direction.
    expect(inside.map((i) => i.name)).toEqual(['sub', 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
    const [boxItem] = (await pds.ok('/v2/recyclebin/list', { drive_id: driveId, order_by: 'name' })).items as Json[];
    expect(boxItem).toMatchObject({ name: 'box' });
    for (const i of inside) {
      expect(i).toMatchObject({ trashed: true, trashed_at: boxItem!.trashed_at, parent_file_id: expect.any(String) });
      // The same retention as the bin item, counted down at the moment each page was read
      // (the pages came first, so they may show a few seconds more).
      expect(i.auto_delete_left_sec).toBeGreaterThanOrEqual(boxItem!.auto_delete_left_sec);
      expect(i.auto_delete_left_sec).toBeLessThanOrEqual(boxItem!.auto_delete_left_sec + 60);
    }
    expect((await pageAll({ order_by: 'name', order_direction: 'DESC' })).map((i) => i.name)).toEqual(['sub', 'e.txt', 'd.txt', 'c.txt', 'b.txt', 'a.txt']);
    expect((await pageAll({ order_by: 'update_time' })).map((i) => i.name)).toHaveLength(6);
    expect((await pageAll({ type: 'folder' })).map((i) => i.name)).toEqual(['sub']);
    expect((await pageAll({ type: 'file' })).map((i) => i.name)).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
    expect((await pds.fails('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: box.file_id, type: 'dir' }, 400, 'InvalidParameter')).message).toContain('type');
    // Over the whole bin a filter could read the bin to fill a page: refused, not ignored.
    expect((await pds.fails('/v2/recyclebin/list', { drive_id: driveId, type: 'file' }, 400, 'InvalidParameter')).message).toContain('type');
    const deeper = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: sub.file_id });
    expect((deeper.items as Json[]).map((i) => i.name)).toEqual(['deep.txt']);

    // A marker belongs to its listing; what is not a folder in the bin is not found.
    const first = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: box.file_id, limit: 1 });
    await pds.fails('/v2/recyclebin/list', { drive_id: driveId, marker: first.next_marker }, 400, 'InvalidParameter');
    const live = await makeFolder(pds, driveId, 'root', 'live');
    for (const parent of [live.file_id, loose.file_id, 'nope']) {
      const res = await pds.fails('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: parent }, 404, 'NotFound.File');
      expect(res.message).toContain('parent_file_id');
    }
    await pds.fails('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: 'a/b' }, 400, 'InvalidParameterWrongFormat');
    // root is never in the bin: naming it (the SDK's example value) lists the bin itself.
    const top = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: 'root' });
    expect((top.items as Json[]).map((i) => i.name).sort()).toEqual(['box', 'loose.txt']);

    // Once restored, the folder lists through file/list again and the bin no longer has it.
    await waitForTask(pds, (await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: box.file_id }, 202)).async_task_id);
    expect((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: box.file_id })).items).toHaveLength(6);
    await pds.fails('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: box.file_id }, 404, 'NotFound.File');
  });

  it('orders the bin by the SDK\'s order_by and order_direction, and refuses values it does not document', async () => {
    const driveId = await newDrive('bin-order');
    for (const name of ['m.txt', 'z.txt', 'a.txt']) {
      const f = await uploadFile(pds, driveId, 'root', name, name);
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    }
    const names = async (extra: object) => {
      const seen: string[] = [];
      let marker = '';
      do {
        const page = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 1, marker, ...extra });
        seen.push(...(page.items as Json[]).map((i) => i.name as string));
        marker = page.next_marker;
      } while (marker);
      return seen;
    };
    expect(await names({})).toEqual(['a.txt', 'z.txt', 'm.txt']);
    expect(await names({ order_by: 'update_time' })).toEqual(['a.txt', 'z.txt', 'm.txt']);
    expect(await names({ order_by: 'update_time', order_direction: 'ASC' })).toEqual(['m.txt', 'z.txt', 'a.txt']);
    expect(await names({ order_direction: 'ASC' })).toEqual(['m.txt', 'z.txt', 'a.txt']);
    expect(await names({ order_by: 'name' })).toEqual(['a.txt', 'm.txt', 'z.txt']);
    expect(await names({ order_by: 'name', order_direction: 'DESC' })).toEqual(['z.txt', 'm.txt', 'a.txt']);
    // A marker of one order is no marker for another.
    const first = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 1, order_by: 'name' });
    await pds.fails('/v2/recyclebin/list', { drive_id: driveId, limit: 1, marker: first.next_marker }, 400, 'InvalidParameter');
    for (const [field, value] of [['order_by', 'size'], ['order_by', 'colour'], ['order_direction', 'UP'], ['order_by', 7]] as const) {
      const res = await pds.fails('/v2/recyclebin/list', { drive_id: driveId, [field]: value }, 400, 'InvalidParameter');
      expect(res.message).toContain(field);
    }
    expect((await pds.fails('/v2/recyclebin/list', { drive_id: driveId, limit: 201 }, 400, 'InvalidParameterOutOfRange')).message).toContain('limit');
    expect((await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 0 })).items).toHaveLength(3);
  });

  it('answers NotFound.AsyncTask for unknown or malformed task ids', async () => {
    for (const id of ['999999', 'abc', '99999999999', '-1']) {
      const res = await pds.fails('/v2/async_task/get', { async_task_id: id }, 404, 'NotFound.AsyncTask');
      expect(res.message).toContain('async_task');
    }
    await pds.fails('/v2/async_task/get', {}, 400, 'InvalidParameterMissing');
    await pds.fails('/v2/async_task/get', { async_task_id: 5 }, 400, 'InvalidParameter');
  });

  it('reports tasks queued behind another job as Running with zero progress, and a cancelled one as Cancelled', async () => {
    // A node without a job engine: jobs stay queued until the test lets them run.
    const idle = await startTestNode({ database, jobConcurrency: 0 });
    try {
      const api = await signIn(idle);
      const driveId = (await api.ok('/v2/drive/create', { drive_name: 'queue' }, 201)).drive_id as string;
      const a = await uploadFile(api, driveId, 'root', 'a.txt', 'aaaa');
      const b = await uploadFile(api, driveId, 'root', 'b.txt', 'bbbb');
      await api.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: b.file_id }, 202);
      const del = await api.ok('/v2/file/delete', { drive_id: driveId, file_id: a.file_id }, 202);
      const restore = await api.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: b.file_id }, 202);
      for (const id of [del.async_task_id, restore.async_task_id]) {
        const task = await api.ok('/v2/async_task/get', { async_task_id: id });
        expect(task).toMatchObject({ state: 'Running', consumed_process: 0, started_at: null, finished_at: null });
      }
      // The queued restore has not happened yet: b is still in the bin.
      expect((await api.ok('/v2/recyclebin/list', { drive_id: driveId })).items.map((i: Json) => i.name)).toEqual(['b.txt']);
      await idle.salvage.jobs.cancel(idle.adminActor, del.async_task_id);
      expect((await api.ok('/v2/async_task/get', { async_task_id: del.async_task_id })).state).toBe('Cancelled');
      expect((await api.ok('/v2/async_task/get', { async_task_id: restore.async_task_id })).state).toBe('Running');
    } finally {
      await idle.destroy();
    }
  });
});
