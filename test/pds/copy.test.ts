import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inconsistencies } from '../support/consistency.js';
import { testDatabases } from '../support/databases.js';
import { eventually, restartableNodes, startTestNode, type TestNode } from '../support/node.js';
import { auditStore } from '../support/store-audit.js';
import { type Json, makeFolder, PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

/** A folder's subtree as `path -> content` (files) or `path/` (folders), read over HTTP. */
async function snapshot(pds: PdsClient, driveId: string, folderId: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let marker = '';
  do {
    const page = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: folderId, limit: 100, marker });
    for (const item of page.items as Json[]) {
      const path = `${prefix}/${item.name}`;
      if (item.type === 'folder') {
        out[`${path}/`] = '';
        Object.assign(out, await snapshot(pds, driveId, item.file_id, path));
      } else if (item.status === 'uploading') {
        out[path] = '(uploading)';
      } else {
        const { url } = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: item.file_id });
        out[path] = await (await fetch(url)).text();
      }
    }
    marker = page.next_marker;
  } while (marker);
  return out;
}

/** A tree of folders three deep with files at every level: `width` files a folder. */
async function seedTree(pds: PdsClient, driveId: string, parentId: string, width: number): Promise<Json> {
  const top = await makeFolder(pds, driveId, parentId, 'tree');
  for (let i = 0; i < width; i++) await uploadFile(pds, driveId, top.file_id, `top-${i}.txt`, `top ${i}`);
  const mid = await makeFolder(pds, driveId, top.file_id, 'mid');
  const empty = await makeFolder(pds, driveId, top.file_id, 'empty');
  expect(empty.file_id).toBeTruthy();
  for (let i = 0; i < width; i++) await uploadFile(pds, driveId, mid.file_id, `mid-${i}.bin`, `mid ${i} ${'x'.repeat(i)}`);
  const low = await makeFolder(pds, driveId, mid.file_id, 'low');
  for (let i = 0; i < width; i++) await uploadFile(pds, driveId, low.file_id, `low-${i}`, `low ${i}`);
  return top;
}

describe.each(databases)('PDS file/copy on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database, purgeBatchSize: 3 });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'copy' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const usedSize = async (id = driveId) => (await pds.ok('/v2/drive/get', { drive_id: id })).used_size as number;
  const consistent = async () => expect(await inconsistencies(node.salvage, driveId)).toEqual([]);
  const names = async (parent: string) =>
    ((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent })).items as Json[]).map((i) => i.name).sort();

  it('copies a file before answering: 201, its own bytes, the quota counted', async () => {
    const dir = await makeFolder(pds, driveId, 'root', 'files');
    const source = await uploadFile(pds, driveId, dir.file_id, 'report.pdf', 'the report');
    const before = await usedSize();
    const res = await pds.call('/v2/file/copy', { drive_id: driveId, file_id: source.file_id, to_parent_file_id: 'root' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ domain_id: 'salvage', drive_id: driveId, file_id: expect.any(String), async_task_id: '' });
    const copy = await pds.ok('/v2/file/get', { drive_id: driveId, file_id: res.body.file_id });
    expect(copy).toMatchObject({ name: 'report.pdf', parent_file_id: 'root', size: 10, content_hash: source.content_hash, status: 'available' });
    expect(copy.file_id).not.toBe(source.file_id);
    expect(await usedSize()).toBe(before + 10);

    // Same folder: a taken name needs auto_rename; new_name names the copy.
    await pds.fails('/v2/file/copy', { drive_id: driveId, file_id: source.file_id, to_parent_file_id: dir.file_id }, 409, 'AlreadyExist.File');
    await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: source.file_id, to_parent_file_id: dir.file_id, auto_rename: true }, 201);
    await pds.ok('/v2/file/copy', { drive_id: driveId, to_drive_id: driveId, file_id: source.file_id, to_parent_file_id: dir.file_id, new_name: 'draft.pdf' }, 201);
    expect(await names(dir.file_id)).toEqual(['draft.pdf', 'report(1).pdf', 'report.pdf']);

    // Each copy owns its bytes: purging the source leaves the copy readable.
    const task = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: source.file_id }, 202);
    expect((await waitForTask(pds, task.async_task_id)).state).toBe('Succeed');
    const { url } = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: copy.file_id });
    expect(await (await fetch(url)).text()).toBe('the report');
    await consistent();
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('copies a folder as a task in batches: the whole live subtree, and nothing in the bin', async () => {
    const home = await makeFolder(pds, driveId, 'root', 'home');
    const top = await seedTree(pds, driveId, home.file_id, 4);
    const binned = await makeFolder(pds, driveId, top.file_id, 'binned');
    await uploadFile(pds, driveId, binned.file_id, 'secret.txt', 'gone');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: binned.file_id }, 202);
    await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: top.file_id, name: 'unfinished.txt', type: 'file', size: 3 }, 201);
    const dest = await makeFolder(pds, driveId, 'root', 'backup');
    const expected = await snapshot(pds, driveId, top.file_id);
    const before = await usedSize();

    const res = await pds.call('/v2/file/copy', { drive_id: driveId, file_id: top.file_id, to_parent_file_id: dest.file_id, new_name: 'tree-copy' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ domain_id: 'salvage', drive_id: driveId, file_id: expect.any(String), async_task_id: expect.stringMatching(/^\d+$/) });
    const task = await waitForTask(pds, res.body.async_task_id);
    // 3 folders and 12 files, plus the upload that has no content yet (skipped): 16 below the top.
    expect(task).toMatchObject({ state: 'Succeed', consumed_process: 16, total_process: 16, error_code: '' });
    expect(await names(dest.file_id)).toEqual(['tree-copy']);
    const copied = await snapshot(pds, driveId, res.body.file_id);
    delete expected['/unfinished.txt'];
    expect(copied).toEqual(expected);
    expect(Object.keys(copied)).not.toContain('/binned/');
    const bytes = Object.values(expected).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(await usedSize()).toBe(before + bytes);
    await consistent();
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);

    // Into the same folder with auto_rename; the task shows in the Jobs dialect's type list too.
    const again = await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: top.file_id, to_parent_file_id: home.file_id, auto_rename: true }, 202);
    expect((await waitForTask(pds, again.async_task_id)).state).toBe('Succeed');
    expect(await names(home.file_id)).toEqual(['tree', 'tree(1)']);
    const job = await node.salvage.jobs.get(node.adminActor, again.async_task_id);
    expect(job).toMatchObject({ type: 'copy', state: 'succeeded', targetId: top.file_id });
    await consistent();
  });

  it('refuses a folder into itself or below, the root, the bin, over quota and bad input, changing nothing', async () => {
    const top = await makeFolder(pds, driveId, 'root', 'refusals');
    const inner = await makeFolder(pds, driveId, top.file_id, 'inner');
    const file = await uploadFile(pds, driveId, top.file_id, 'f.txt', 'abc');
    const pending = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: top.file_id, name: 'pending.txt', type: 'file' }, 201);
    const binned = await makeFolder(pds, driveId, 'root', 'binned-source');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: binned.file_id }, 202);
    const other = (await pds.ok('/v2/drive/create', { drive_name: 'copy-other' }, 201)).drive_id;
    const tiny = (await pds.ok('/v2/drive/create', { drive_name: 'tiny', total_size: 5 }, 201)).drive_id;
    const big = await uploadFile(pds, tiny, 'root', 'four.txt', '1234');
    const bigDir = await makeFolder(pds, tiny, 'root', 'dir');
    await uploadFile(pds, tiny, bigDir.file_id, 'one.txt', '1');
    const state = async () => [await usedSize(), await usedSize(tiny), await names(top.file_id), await names('root'), await snapshot(pds, tiny, 'root')];
    const before = await state();
    const jobsBefore = (await node.salvage.jobs.list(node.adminActor, { limit: 1000 })).total;
    const cases: [object, number, string, string][] = [
      [{ file_id: top.file_id, to_parent_file_id: top.file_id }, 400, 'InvalidParameter', 'to_parent_file_id'],
      [{ file_id: top.file_id, to_parent_file_id: inner.file_id }, 400, 'InvalidParameter', 'to_parent_file_id'],
      [{ file_id: 'root', to_parent_file_id: top.file_id }, 400, 'InvalidParameter', 'file_id'],
      [{ file_id: pending.file_id, to_parent_file_id: 'root' }, 400, 'InvalidParameter', 'file_id'],
      [{ file_id: binned.file_id, to_parent_file_id: 'root' }, 404, 'NotFound.File', binned.file_id],
      [{ file_id: file.file_id, to_parent_file_id: binned.file_id }, 404, 'NotFound.File', binned.file_id],
      [{ file_id: file.file_id, to_parent_file_id: file.file_id }, 404, 'NotFound.File', 'to_parent_file_id'],
      [{ file_id: 'missing', to_parent_file_id: 'root' }, 404, 'NotFound.File', 'missing'],
      [{ file_id: file.file_id }, 400, 'InvalidParameterMissing', 'to_parent_file_id'],
      [{ to_parent_file_id: 'root' }, 400, 'InvalidParameterMissing', 'file_id'],
      [{ file_id: file.file_id, to_parent_file_id: 'root', to_drive_id: other }, 400, 'InvalidParameter', 'to_drive_id'],
      [{ file_id: file.file_id, to_parent_file_id: 'root', auto_rename: 1 }, 400, 'InvalidParameter', 'auto_rename'],
      [{ file_id: file.file_id, to_parent_file_id: 'root', new_name: 'a/b' }, 400, 'InvalidParameter', 'new_name'],
      [{ file_id: file.file_id, to_parent_file_id: 'root', new_name: '..' }, 400, 'InvalidParameter', 'new_name'],
      [{ file_id: top.file_id, to_parent_file_id: 'root' }, 409, 'AlreadyExist.File', 'refusals'],
    ];
    for (const [body, status, code, named] of cases) {
      const res = await pds.call('/v2/file/copy', { drive_id: driveId, ...body });
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      expect(res.body.message).toContain(named);
    }
    // Over the quota: a file at once, a folder before any task is made.
    await pds.fails('/v2/file/copy', { drive_id: tiny, file_id: big.file_id, to_parent_file_id: 'root', auto_rename: true }, 413, 'QuotaExhausted.Drive');
    await pds.fails('/v2/file/copy', { drive_id: tiny, file_id: bigDir.file_id, to_parent_file_id: 'root', new_name: 'dir2' }, 413, 'QuotaExhausted.Drive');
    expect(await state()).toEqual(before);
    expect((await node.salvage.jobs.list(node.adminActor, { limit: 1000 })).total).toBe(jobsBefore);
    await consistent();
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).stagedFiles).toEqual([]);
  });

  it('stops a cancelled copy between batches, keeping what it copied, counters right', async () => {
    const src = await makeFolder(pds, driveId, 'root', 'cancel-src');
    for (let i = 0; i < 60; i++) await uploadFile(pds, driveId, src.file_id, `f-${String(i).padStart(2, '0')}`, `content ${i}`);
    const res = await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: src.file_id, to_parent_file_id: 'root', new_name: 'cancel-dst' }, 202);
    // Running, a few batches in: the cancel is seen at the next batch, which is rolled back.
    await eventually(async () => ((await pds.ok('/v2/async_task/get', { async_task_id: res.async_task_id })).consumed_process >= 3 ? true : undefined), 20_000, 1);
    const job = await node.salvage.jobs.cancel(node.adminActor, res.async_task_id);
    expect(job.state).toBe('running');
    const task = await waitForTask(pds, res.async_task_id);
    expect(task.state).toBe('Cancelled');
    expect(task.consumed_process).toBeLessThan(60);
    expect((await names(res.file_id)).length).toBe(task.consumed_process);
    await consistent();
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('skips what leaves the live tree while it is copied: the copy trashed, or the source', async () => {
    for (const trashed of ['copy', 'source'] as const) {
      const src = await makeFolder(pds, driveId, 'root', `leaving-${trashed}`);
      const sub = await makeFolder(pds, driveId, src.file_id, 'sub');
      for (let i = 0; i < 30; i++) await uploadFile(pds, driveId, sub.file_id, `f-${String(i).padStart(2, '0')}`, `c ${i}`);
      const res = await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: src.file_id, to_parent_file_id: 'root', new_name: `left-${trashed}` }, 202);
      await eventually(async () => ((await pds.ok('/v2/async_task/get', { async_task_id: res.async_task_id })).consumed_process >= 3 ? true : undefined), 20_000, 1);
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: trashed === 'copy' ? res.file_id : src.file_id }, 202);
      const task = await waitForTask(pds, res.async_task_id);
      expect(task.state, trashed).toBe('Succeed');
      expect(task.consumed_process, trashed).toBeLessThan(31);
      await consistent();
    }
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('answers another user as if the drive did not exist', async () => {
    await node.salvage.users.create({ name: 'carol', password: 'carol-password-1' });
    const carol = await signIn(node, 'carol', 'carol-password-1');
    await carol.fails('/v2/file/copy', { drive_id: driveId, file_id: 'x', to_parent_file_id: 'root' }, 404, 'NotFound.Drive');
  });
});

describe.each(databases)('PDS folder copy across a restart on %s', (database) => {
  const nodes = restartableNodes(database);

  it('resumes after the last committed batch on the next node, copying everything exactly once', async () => {
    let node = await nodes.first({ purgeBatchSize: 1 });
    const pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'resume' }, 201)).drive_id as string;
    const top = await seedTree(pds, driveId, 'root', 12);
    const expected = await snapshot(pds, driveId, top.file_id);
    const res = await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: top.file_id, to_parent_file_id: 'root', new_name: 'copy' }, 202);
    await eventually(async () => {
      const task = await pds.ok('/v2/async_task/get', { async_task_id: res.async_task_id });
      return task.consumed_process >= 5 ? true : undefined;
    });
    await node.close();
    node = await nodes.next();
    const again = new PdsClient(node.url, pds.accessToken);
    const task = await waitForTask(again, res.async_task_id);
    expect(task).toMatchObject({ state: 'Succeed', consumed_process: 39, total_process: 39 });
    // It was handed back unfinished and claimed again by the new node.
    expect((await node.salvage.jobs.get(node.adminActor, res.async_task_id)).attempts).toBe(2);
    expect(await snapshot(again, driveId, res.file_id)).toEqual(expected);
    expect(await inconsistencies(node.salvage, driveId)).toEqual([]);
    const audit = await auditStore(node.salvage.ctx.store.db, node.dataDir);
    expect(audit.problems).toEqual([]);
    expect(audit.stagedFiles).toEqual([]);
  });
});
