import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inconsistencies } from '../support/consistency.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS file/get_by_path and file/move on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'paths' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const byPath = (file_path: unknown) => pds.call('/v2/file/get_by_path', { drive_id: driveId, file_path });
  const names = async (parent: string) =>
    ((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent })).items as Json[]).map((i) => i.name).sort();
  const tree = async (id: string) => {
    const row = await node.salvage.ctx.store.db
      .selectFrom('entries')
      .select(['tree_count', 'tree_bytes'])
      .where('drive_id', '=', driveId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { count: Number(row.tree_count), bytes: Number(row.tree_bytes) };
  };
  const consistent = async () => expect(await inconsistencies(node.salvage, driveId)).toEqual([]);

  it('get_by_path answers what file/get answers, for files, folders and the root', async () => {
    const a = await makeFolder(pds, driveId, 'root', 'a');
    const b = await makeFolder(pds, driveId, a.file_id, 'b c');
    const file = await uploadFile(pds, driveId, b.file_id, 'ü.txt', 'hello');
    const got = await pds.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: '/a/b c/ü.txt' });
    expect(got).toEqual(await pds.ok('/v2/file/get', { drive_id: driveId, file_id: file.file_id }));
    expect((await pds.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: '/a/b c/' })).file_id).toBe(b.file_id);
    expect((await pds.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: '/' })).file_id).toBe('root');
  });

  it('get_by_path finds nothing in the bin, and refuses bad input naming file_path', async () => {
    const gone = await makeFolder(pds, driveId, 'root', 'gone');
    await uploadFile(pds, driveId, gone.file_id, 'inside.txt', 'x');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: gone.file_id }, 202);
    for (const path of ['/gone', '/gone/inside.txt', '/nothing', '/a/nope']) {
      const res = await byPath(path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('NotFound.File');
      expect(res.body.message).toContain(path);
    }
    expect((await byPath('a/b c')).body).toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('file_path') });
    expect((await byPath('/a/..')).body).toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('file_path') });
    expect((await byPath(7)).body.code).toBe('InvalidParameter');
    await pds.fails('/v2/file/get_by_path', { drive_id: driveId }, 400, 'InvalidParameterMissing');
    await pds.fails('/v2/file/get_by_path', { drive_id: driveId, file_path: '' }, 400, 'InvalidParameterMissing');
    await pds.fails('/v2/file/get_by_path', { drive_id: driveId, file_path: `/${'x'.repeat(40_000)}` }, 400, 'InvalidParameterOutOfRange');
    await pds.fails('/v2/file/get_by_path', { file_path: '/a' }, 400, 'InvalidParameterMissing');
    await pds.fails('/v2/file/get_by_path', { drive_id: 'nope', file_path: '/a' }, 404, 'NotFound.Drive');
  });

  it('moves a folder with its subtree, O(depth), keeping the counters right on both paths', async () => {
    const src = await makeFolder(pds, driveId, 'root', 'src');
    const deep = await makeFolder(pds, driveId, src.file_id, 'deep');
    const box = await makeFolder(pds, driveId, deep.file_id, 'box');
    await uploadFile(pds, driveId, box.file_id, 'one.txt', '12345');
    await uploadFile(pds, driveId, box.file_id, 'two.txt', '123');
    const dst = await makeFolder(pds, driveId, 'root', 'dst');
    const before = { src: await tree(src.file_id), deep: await tree(deep.file_id), dst: await tree(dst.file_id), root: await tree('root') };

    const moved = await pds.ok('/v2/file/move', { drive_id: driveId, file_id: box.file_id, to_parent_file_id: dst.file_id });
    expect(moved).toEqual({ domain_id: 'salvage', drive_id: driveId, file_id: box.file_id, async_task_id: '', exist: false });
    expect(await tree(src.file_id)).toEqual({ count: before.src.count - 3, bytes: before.src.bytes - 8 });
    expect(await tree(deep.file_id)).toEqual({ count: 1, bytes: 0 });
    expect(await tree(dst.file_id)).toEqual({ count: before.dst.count + 3, bytes: 8 });
    expect(await tree('root')).toEqual(before.root);
    expect(await names(dst.file_id)).toEqual(['box']);
    expect((await pds.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: '/dst/box/one.txt' })).size).toBe(5);
    await consistent();

    // A file, to the same drive named explicitly, under a new name.
    const one = await pds.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: '/dst/box/one.txt' });
    await pds.ok('/v2/file/move', { drive_id: driveId, to_drive_id: driveId, file_id: one.file_id, to_parent_file_id: 'root', new_name: 'uno.txt' });
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: one.file_id })).name).toBe('uno.txt');
    expect(await tree(dst.file_id)).toEqual({ count: 3, bytes: 3 });
    await consistent();
  });

  it('decides about a taken name as check_name_mode and auto_rename say', async () => {
    const here = await makeFolder(pds, driveId, 'root', 'here');
    const there = await makeFolder(pds, driveId, 'root', 'there');
    const a = await uploadFile(pds, driveId, here.file_id, 'same.txt', 'a');
    const b = await uploadFile(pds, driveId, there.file_id, 'same.txt', 'bb');
    const move = (extra: object) => pds.call('/v2/file/move', { drive_id: driveId, file_id: a.file_id, to_parent_file_id: there.file_id, ...extra });

    for (const extra of [{}, { check_name_mode: 'ignore' }]) {
      const res = await move(extra);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('AlreadyExist.File');
    }
    const refused = await move({ check_name_mode: 'refuse' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ file_id: b.file_id, exist: true });
    expect(await names(here.file_id)).toEqual(['same.txt']);

    const renamed = await move({ auto_rename: true, check_name_mode: 'refuse' });
    expect(renamed.body).toMatchObject({ file_id: a.file_id, exist: false });
    expect(await names(there.file_id)).toEqual(['same(1).txt', 'same.txt']);
    const back = await pds.ok('/v2/file/move', { drive_id: driveId, file_id: a.file_id, to_parent_file_id: here.file_id, check_name_mode: 'auto_rename' });
    expect(back.exist).toBe(false);
    expect(await names(here.file_id)).toEqual(['same(1).txt']);
    await consistent();
  });

  it('refuses a folder into itself or below it, the root, the bin, and bad input, changing nothing', async () => {
    const top = await makeFolder(pds, driveId, 'root', 'top');
    const mid = await makeFolder(pds, driveId, top.file_id, 'mid');
    const low = await makeFolder(pds, driveId, mid.file_id, 'low');
    const file = await uploadFile(pds, driveId, top.file_id, 'f.txt', 'x');
    const binned = await makeFolder(pds, driveId, 'root', 'binned');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: binned.file_id }, 202);
    const other = (await pds.ok('/v2/drive/create', { drive_name: 'other' }, 201)).drive_id;
    const snapshot = async () => [await tree('root'), await tree(top.file_id), await names(top.file_id), await names(mid.file_id)];
    const before = await snapshot();
    const move = (body: object) => pds.call('/v2/file/move', { drive_id: driveId, ...body });
    const cases: [object, number, string, string?][] = [
      [{ file_id: top.file_id, to_parent_file_id: top.file_id }, 400, 'InvalidParameter', 'to_parent_file_id'],
      [{ file_id: top.file_id, to_parent_file_id: low.file_id }, 400, 'InvalidParameter', 'to_parent_file_id'],
      [{ file_id: 'root', to_parent_file_id: top.file_id }, 400, 'InvalidParameter', 'file_id'],
      [{ file_id: mid.file_id, to_parent_file_id: file.file_id }, 404, 'NotFound.File', 'to_parent_file_id'],
      [{ file_id: mid.file_id, to_parent_file_id: binned.file_id }, 404, 'NotFound.File', binned.file_id],
      [{ file_id: binned.file_id, to_parent_file_id: top.file_id }, 404, 'NotFound.File', binned.file_id],
      [{ file_id: 'missing', to_parent_file_id: top.file_id }, 404, 'NotFound.File', 'missing'],
      [{ file_id: mid.file_id, to_parent_file_id: 'missing' }, 404, 'NotFound.File', 'missing'],
      [{ file_id: mid.file_id }, 400, 'InvalidParameterMissing', 'to_parent_file_id'],
      [{ to_parent_file_id: top.file_id }, 400, 'InvalidParameterMissing', 'file_id'],
      [{ file_id: mid.file_id, to_parent_file_id: 'bad id!' }, 400, 'InvalidParameterWrongFormat', 'to_parent_file_id'],
      [{ file_id: mid.file_id, to_parent_file_id: 'root', to_drive_id: other }, 400, 'InvalidParameter', 'to_drive_id'],
      [{ file_id: mid.file_id, to_parent_file_id: 'root', check_name_mode: 'overwrite' }, 400, 'InvalidParameter', 'check_name_mode'],
      [{ file_id: mid.file_id, to_parent_file_id: 'root', auto_rename: 'yes' }, 400, 'InvalidParameter', 'auto_rename'],
      [{ file_id: mid.file_id, to_parent_file_id: 'root', new_name: 'a/b' }, 400, 'InvalidParameter', 'new_name'],
      [{ file_id: mid.file_id, to_parent_file_id: 'root', new_name: 'x'.repeat(1025) }, 400, 'InvalidParameter', 'new_name'],
      [{ file_id: mid.file_id, to_parent_file_id: 'root', new_name: 5 }, 400, 'InvalidParameter', 'new_name'],
    ];
    for (const [body, status, code, named] of cases) {
      const res = await move(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      if (named) expect(res.body.message).toContain(named);
    }
    await pds.fails('/v2/file/move', { drive_id: other, file_id: mid.file_id, to_parent_file_id: 'root' }, 404, 'NotFound.File');
    expect(await snapshot()).toEqual(before);
    await consistent();
  });

  it('answers another user as if the drive did not exist', async () => {
    await node.salvage.users.create({ name: 'eve', password: 'eve-password-1' });
    const eve = await signIn(node, 'eve', 'eve-password-1');
    await eve.fails('/v2/file/get_by_path', { drive_id: driveId, file_path: '/a' }, 404, 'NotFound.Drive');
    await eve.fails('/v2/file/move', { drive_id: driveId, file_id: 'x', to_parent_file_id: 'root' }, 404, 'NotFound.Drive');
  });
});
