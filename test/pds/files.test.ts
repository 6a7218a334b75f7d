import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS files on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'files' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());
  afterEach(() => vi.restoreAllMocks());

  const usedSize = async (id = driveId) => (await pds.ok('/v2/drive/get', { drive_id: id })).used_size as number;
  const names = async (parent: string, extra: object = {}) =>
    ((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, ...extra })).items as Json[]).map((i) => i.name);

  it('creates folders and files with content, and lists and gets them as PDS Files', async () => {
    const folder = await makeFolder(pds, driveId, 'root', 'docs');
    expect(folder).toMatchObject({ type: 'folder', file_name: 'docs', parent_file_id: 'root', exist: false, drive_id: driveId });
    expect(folder.upload_id).toBeUndefined();
    const before = await usedSize();
    const file = await uploadFile(pds, driveId, folder.file_id, 'hello.txt', 'hello world');
    expect(file).toMatchObject({
      drive_id: driveId,
      parent_file_id: folder.file_id,
      name: 'hello.txt',
      type: 'file',
      size: 11,
      status: 'available',
      content_hash: '2AAE6C35C94FCFB415DBE95F408B9CE91EE846ED',
      content_hash_name: 'sha1',
      file_extension: 'txt',
      trashed_at: null,
    });
    expect(file.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await usedSize()).toBe(before + 11);
    expect(await pds.ok('/v2/file/get', { drive_id: driveId, file_id: file.file_id })).toEqual(file);
    expect(await names(folder.file_id)).toEqual(['hello.txt']);
  });

  it('shows an unfinished upload as uploading, counts no bytes until complete, and serves no content', async () => {
    const before = await usedSize();
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'pending.bin', type: 'file', size: 4 }, 201);
    expect(created).toMatchObject({ status: 'uploading', exist: false, rapid_upload: false });
    expect(created.part_info_list).toHaveLength(1);
    expect(created.part_info_list[0].part_number).toBe(1);
    expect(new URL(created.part_info_list[0].upload_url).host).toBe(new URL(node.url).host);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: created.file_id })).status).toBe('uploading');
    await pds.fails('/v2/file/get_download_url', { drive_id: driveId, file_id: created.file_id }, 404, 'NotFound.File');
    // Complete before the bytes came: a state conflict, and nothing changes.
    await pds.fails('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id }, 409, 'StateConflict');
    const put = await fetch(created.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.from('abcd') });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"81FE8BFE87576C3ECB22426F8E57847382917ACF"');
    expect(put.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
    expect(await usedSize()).toBe(before);
    const done = await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
    expect(done).toMatchObject({ status: 'available', size: 4 });
    expect(await usedSize()).toBe(before + 4);
    // A retried complete answers the same file and counts nothing twice.
    expect(await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id })).toEqual(done);
    expect(await usedSize()).toBe(before + 4);
  });

  it('uploads without a declared size', async () => {
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'nosize.txt', type: 'file', content_type: 'text/plain' }, 201);
    expect((await fetch(created.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.from('free size') })).status).toBe(200);
    const done = await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
    expect(done).toMatchObject({ size: 9, content_type: 'text/plain' });
  });

  it('refuses a size mismatch, a reused URL, an expired or tampered URL, and keeps the URL usable after a refusal', async () => {
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'strict.bin', type: 'file', size: 5 }, 201);
    const url = created.part_info_list[0].upload_url as string;
    const put = (u: string, body: string) => fetch(u, { method: 'PUT', body: Buffer.from(body) });
    const error = async (res: Response) => ({ status: res.status, code: ((await res.json()) as Json).code, id: res.headers.get('x-ca-request-id') });

    for (const body of ['1234', '123456']) {
      const res = await error(await put(url, body));
      expect(res).toMatchObject({ status: 400, code: 'InvalidParameterNotMatch' });
      expect(res.id).toMatch(/^[0-9A-F-]{36}$/);
    }
    const tampered = url.replace(/x-expires=(\d+)/, (_m, n: string) => `x-expires=${Number(n) + 1000}`);
    expect(await error(await put(tampered, '12345'))).toMatchObject({ status: 403, code: 'ForbiddenNoPermission' });
    expect(await error(await put(url.replace(/x-signature=.*/, 'x-signature=abc'), '12345'))).toMatchObject({ status: 403, code: 'ForbiddenNoPermission' });
    const later = Date.now() + 3601_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    expect(await error(await put(url, '12345'))).toMatchObject({ status: 403, code: 'ForbiddenNoPermission' });
    vi.restoreAllMocks();

    expect((await put(url, '12345')).status).toBe(200);
    expect(await error(await put(url, '12345'))).toMatchObject({ status: 409, code: 'StateConflict' });
    const done = await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
    expect(done.size).toBe(5);
    expect(await error(await put(url, '12345'))).toMatchObject({ status: 409, code: 'StateConflict' });
  });

  it('lets only one of two racing PUTs to one URL win', async () => {
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'race.bin', type: 'file', size: 3 }, 201);
    const url = created.part_info_list[0].upload_url as string;
    const results = await Promise.all([1, 2, 3].map(() => fetch(url, { method: 'PUT', body: Buffer.from('abc') }).then((r) => r.status)));
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((s) => s === 409)).toHaveLength(2);
  });

  it('refuses with 413 QuotaExhausted.Drive beyond total_size and leaves nothing half-written', async () => {
    const small = (await pds.ok('/v2/drive/create', { drive_name: 'small', total_size: 10 }, 201)).drive_id as string;
    await pds.fails('/v2/file/create', { drive_id: small, name: 'big.bin', type: 'file', size: 11 }, 413, 'QuotaExhausted.Drive');
    expect((await pds.ok('/v2/file/list', { drive_id: small })).items).toEqual([]);

    // Undeclared size: the PUT itself stops at the quota.
    const open = await pds.ok('/v2/file/create', { drive_id: small, name: 'open.bin', type: 'file' }, 201);
    const over = await fetch(open.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.alloc(11) });
    expect(over.status).toBe(413);
    expect(((await over.json()) as Json).code).toBe('QuotaExhausted.Drive');

    // Two uploads that each fit, but not both: bytes of uploads not completed count against
    // the quota from their PUT (issue 13 item 10), so the second PUT is refused.
    const a = await pds.ok('/v2/file/create', { drive_id: small, name: 'a.bin', type: 'file', size: 6 }, 201);
    const b = await pds.ok('/v2/file/create', { drive_id: small, name: 'b.bin', type: 'file', size: 6 }, 201);
    expect((await fetch(a.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.alloc(6) })).status).toBe(200);
    const refused = await fetch(b.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.alloc(6) });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as Json).code).toBe('QuotaExhausted.Drive');
    await pds.ok('/v2/file/complete', { drive_id: small, file_id: a.file_id, upload_id: a.upload_id });
    expect(await usedSize(small)).toBe(6);
    expect((await pds.ok('/v2/file/get', { drive_id: small, file_id: b.file_id })).status).toBe('uploading');
    // A quota lowered below what was received: complete is what refuses, and changes nothing.
    const c = await pds.ok('/v2/file/create', { drive_id: small, name: 'c.bin', type: 'file', size: 4 }, 201);
    expect((await fetch(c.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.alloc(4) })).status).toBe(200);
    await pds.ok('/v2/drive/update', { drive_id: small, total_size: 8 });
    await pds.fails('/v2/file/complete', { drive_id: small, file_id: c.file_id, upload_id: c.upload_id }, 413, 'QuotaExhausted.Drive');
    expect(await usedSize(small)).toBe(6);
    // Raising the quota lets the very same PUT and completes through.
    await pds.ok('/v2/drive/update', { drive_id: small, total_size: 100 });
    expect((await fetch(b.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.alloc(6) })).status).toBe(200);
    expect((await pds.ok('/v2/file/complete', { drive_id: small, file_id: b.file_id, upload_id: b.upload_id })).size).toBe(6);
    expect((await pds.ok('/v2/file/complete', { drive_id: small, file_id: c.file_id, upload_id: c.upload_id })).size).toBe(4);
    expect(await usedSize(small)).toBe(16);
  });

  it('sweeps an upload never completed a day after its URL expired, content and all', async () => {
    const folder = (await makeFolder(pds, driveId, 'root', 'abandoned')).file_id as string;
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: folder, name: 'left.bin', type: 'file', size: 3 }, 201);
    expect((await fetch(created.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.from('abc') })).status).toBe(200);
    const blobId = (await node.salvage.ctx.store.db.selectFrom('uploads').select('blob_id').where('id', '=', created.upload_id).executeTakeFirstOrThrow()).blob_id;
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 3600_000 + 24 * 3600_000 + 1000);
    await node.salvage.uploads.sweep();
    vi.restoreAllMocks();
    await pds.fails('/v2/file/get', { drive_id: driveId, file_id: created.file_id }, 404, 'NotFound.File');
    await pds.fails('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id }, 404, 'NotFound.File');
    const gc = await node.salvage.ctx.store.db.selectFrom('blob_gc').select('blob_id').where('blob_id', '=', blobId!).execute();
    const onDisk: string[] = [];
    for await (const id of node.salvage.ctx.blobs.listAll()) onDisk.push(id);
    expect(gc.length === 1 || !onDisk.includes(blobId!)).toBe(true);
    // The name is free again, and the folder is empty (its counters agree).
    await uploadFile(pds, driveId, folder, 'left.bin', 'new');
    const del = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: folder }, 202);
    expect((await waitForTask(pds, del.async_task_id)).total_process).toBe(2);
  });

  it('refuses an upload_id of another file', async () => {
    const a = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'x1.bin', type: 'file', size: 1 }, 201);
    const b = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'x2.bin', type: 'file', size: 1 }, 201);
    const res = await pds.fails('/v2/file/complete', { drive_id: driveId, file_id: a.file_id, upload_id: b.upload_id }, 400, 'InvalidParameter');
    expect(res.message).toContain('upload_id');
  });

  it('applies check_name_mode: refuse hands back the existing file, auto_rename renames, ignore is 409', async () => {
    const parent = (await makeFolder(pds, driveId, 'root', 'modes')).file_id as string;
    const first = await uploadFile(pds, driveId, parent, 'same.txt', 'one');
    const refused = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'file', size: 3, check_name_mode: 'refuse' }, 201);
    expect(refused).toMatchObject({ exist: true, file_id: first.file_id });
    expect(refused.upload_id).toBeUndefined();
    const renamed = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'file', size: 3, check_name_mode: 'auto_rename' }, 201);
    expect(renamed.file_name).toBe('same(1).txt');
    const res = await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'folder' }, 409, 'AlreadyExist.File');
    expect(res.message).toContain('same.txt');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'file', check_name_mode: 'ignore' }, 409, 'AlreadyExist.File');
    // The SDK's auto_rename: true (CreateFileRequest), alone or with check_name_mode auto_rename.
    const auto = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'file', size: 3, auto_rename: true }, 201);
    expect(auto).toMatchObject({ file_name: 'same(2).txt', exist: false });
    const both = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'file', size: 3, auto_rename: true, check_name_mode: 'auto_rename' }, 201);
    expect(both.file_name).toBe('same(3).txt');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'same.txt', type: 'folder', auto_rename: false }, 409, 'AlreadyExist.File');
    const bad: [object, string][] = [
      [{ auto_rename: true, check_name_mode: 'refuse' }, 'auto_rename'],
      [{ auto_rename: 'yes' }, 'auto_rename'],
      [{ check_name_mode: 'overwrite' }, 'check_name_mode'],
      [{ check_name_mode: 'REFUSE' }, 'check_name_mode'],
    ];
    for (const [extra, field] of bad) {
      const refused = await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: parent, name: 'new.txt', type: 'folder', ...extra }, 400, 'InvalidParameter');
      expect(refused.message).toContain(field);
    }
    expect((await names(parent)).filter((n) => n.startsWith('new'))).toEqual([]);
  });

  it('renames with /v2/file/update, refusing a taken name', async () => {
    const parent = (await makeFolder(pds, driveId, 'root', 'renames')).file_id as string;
    const a = await makeFolder(pds, driveId, parent, 'a');
    await makeFolder(pds, driveId, parent, 'b');
    expect((await pds.ok('/v2/file/update', { drive_id: driveId, file_id: a.file_id, name: 'c' })).name).toBe('c');
    await pds.fails('/v2/file/update', { drive_id: driveId, file_id: a.file_id, name: 'b' }, 409, 'AlreadyExist.File');
    expect((await pds.ok('/v2/file/update', { drive_id: driveId, file_id: a.file_id, name: 'b', check_name_mode: 'auto_rename' })).name).toBe('b(1)');
    expect((await pds.fails('/v2/file/update', { drive_id: driveId, file_id: a.file_id, name: 'x/y' }, 400, 'InvalidParameter')).message).toContain('name');
    await pds.fails('/v2/file/update', { drive_id: driveId, file_id: 'nope', name: 'z' }, 404, 'NotFound.File');
  });

  it('lists in every order with keyset markers and refuses forged or foreign markers', async () => {
    const parent = (await makeFolder(pds, driveId, 'root', 'ordered')).file_id as string;
    for (const [name, body] of [['b.txt', 'bb'], ['a.txt', 'aaa'], ['c.txt', 'c']] as const) await uploadFile(pds, driveId, parent, name, body);
    await makeFolder(pds, driveId, parent, 'dir');
    // By name, folders come first in either direction (docs/pds.md).
    expect(await names(parent)).toEqual(['dir', 'a.txt', 'b.txt', 'c.txt']);
    expect(await names(parent, { order_by: 'name', order_direction: 'DESC' })).toEqual(['dir', 'c.txt', 'b.txt', 'a.txt']);
    expect(await names(parent, { order_by: 'size', order_direction: 'desc', type: 'file' })).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await names(parent, { order_by: 'created_at' })).toEqual(['b.txt', 'a.txt', 'c.txt', 'dir']);
    // The SDK's own name for the modification order (ListFileRequest order_by: update_time, name).
    const byUpdate = await names(parent, { order_by: 'updated_at', order_direction: 'DESC' });
    expect(await names(parent, { order_by: 'update_time', order_direction: 'DESC' })).toEqual(byUpdate);
    expect(await names(parent, { order_by: 'update_time' })).toEqual(byUpdate.toReversed());
    expect(await names(parent, { type: 'folder' })).toEqual(['dir']);

    const seen: string[] = [];
    let marker = '';
    do {
      const page = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, limit: 1, marker });
      seen.push(...(page.items as Json[]).map((i) => i.name as string));
      marker = page.next_marker;
    } while (marker);
    expect(seen).toEqual(['dir', 'a.txt', 'b.txt', 'c.txt']);
    const first = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, limit: 1 });
    await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: parent, marker: `${first.next_marker}x` }, 400, 'InvalidParameter');
    await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: 'root', marker: first.next_marker }, 400, 'InvalidParameter');
    await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: parent, marker: 'eyJ0IjoxfQ.forged' }, 400, 'InvalidParameter');
    // The SDK's range (ListFileRequest: 0-200, default 50); 0 is "not set".
    expect((await pds.fails('/v2/file/list', { drive_id: driveId, limit: 201 }, 400, 'InvalidParameterOutOfRange')).message).toContain('limit');
    expect((await pds.fails('/v2/file/list', { drive_id: driveId, limit: -1 }, 400, 'InvalidParameterOutOfRange')).message).toContain('limit');
    expect((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, limit: 0 })).items).toHaveLength(4);
    expect((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, limit: 200 })).items).toHaveLength(4);
    expect((await pds.fails('/v2/file/list', { drive_id: driveId, order_by: 'colour' }, 400, 'InvalidParameter')).message).toContain('order_by');
    await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: 'nope' }, 404, 'NotFound.File');
  });

  describe('search', () => {
    let parent: string;
    beforeAll(async () => {
      parent = (await makeFolder(pds, driveId, 'root', 'searchable')).file_id;
      await uploadFile(pds, driveId, parent, 'Report-2024.pdf', 'r');
      await uploadFile(pds, driveId, parent, 'notes.txt', 'n');
      await makeFolder(pds, driveId, parent, 'reports');
    });
    const search = async (query: string) =>
      ((await pds.ok('/v2/file/search', { drive_id: driveId, query })).items as Json[]).map((i) => i.name as string).sort();

    it('understands match, =, parent_file_id, type, and/or and parentheses', async () => {
      expect(await search('name match "report"')).toEqual(['Report-2024.pdf', 'reports']);
      expect(await search('name = "notes.txt"')).toEqual(['notes.txt']);
      expect(await search(`parent_file_id = "${parent}"`)).toEqual(['Report-2024.pdf', 'notes.txt', 'reports']);
      expect(await search(`parent_file_id = "${parent}" and type = "folder"`)).toEqual(['reports']);
      expect(await search('name = "notes.txt" or name = "reports"')).toEqual(['notes.txt', 'reports']);
      expect(await search(`(name match "rep" or name match "not") AND type = "file" and parent_file_id = "${parent}"`)).toEqual(['Report-2024.pdf', 'notes.txt']);
      expect(await search('name match "100%_\\"x"')).toEqual([]);
    });

    it('orders by every order_by the SDK documents, pages in that order, and counts with return_total_count', async () => {
      const q = `parent_file_id = "${parent}"`;
      const all = async (body: object) => {
        const seen: string[] = [];
        let marker = '';
        do {
          const page = await pds.ok('/v2/file/search', { drive_id: driveId, query: q, limit: 1, marker, ...body });
          seen.push(...(page.items as Json[]).map((i) => i.name as string));
          marker = page.next_marker;
        } while (marker);
        return seen;
      };
      expect(await all({ order_by: 'name' })).toEqual(['Report-2024.pdf', 'notes.txt', 'reports']);
      expect(await all({ order_by: 'name DESC' })).toEqual(['reports', 'notes.txt', 'Report-2024.pdf']);
      expect(await all({ order_by: 'created_at' })).toEqual(['Report-2024.pdf', 'notes.txt', 'reports']);
      expect(await all({ order_by: 'created_at desc' })).toEqual(['reports', 'notes.txt', 'Report-2024.pdf']);
      expect(await all({ order_by: 'size DESC' })).toHaveLength(3);
      const byUpdate = await all({ order_by: 'updated_at' });
      expect(await all({})).toEqual(byUpdate);
      expect(await all({ order_by: 'update_time' })).toEqual(byUpdate);
      expect(await all({ order_by: 'updated_at DESC' })).toEqual(byUpdate.toReversed());
      // file/list's order_direction is honoured here too, and never contradicted silently.
      expect(await all({ order_by: 'name', order_direction: 'DESC' })).toEqual(['reports', 'notes.txt', 'Report-2024.pdf']);
      expect(await all({ order_by: 'name DESC', order_direction: 'desc' })).toEqual(['reports', 'notes.txt', 'Report-2024.pdf']);
      expect((await pds.fails('/v2/file/search', { drive_id: driveId, query: q, order_by: 'name ASC', order_direction: 'DESC' }, 400, 'InvalidParameter')).message).toContain('order_direction');
      expect((await pds.fails('/v2/file/search', { drive_id: driveId, query: q, order_direction: 'sideways' }, 400, 'InvalidParameter')).message).toContain('order_direction');
      // A marker belongs to its order as well as its query.
      const first = await pds.ok('/v2/file/search', { drive_id: driveId, query: q, limit: 1, order_by: 'name' });
      await pds.fails('/v2/file/search', { drive_id: driveId, query: q, limit: 1, order_by: 'size', marker: first.next_marker }, 400, 'InvalidParameter');
      for (const order_by of ['colour', 'name UP', 'name ASC extra', 'trashed_at', 5]) {
        expect((await pds.fails('/v2/file/search', { drive_id: driveId, query: q, order_by }, 400, 'InvalidParameter')).message).toContain('order_by');
      }

      const counted = await pds.ok('/v2/file/search', { drive_id: driveId, query: q, limit: 1, return_total_count: true });
      expect(counted).toMatchObject({ total_count: 3 });
      expect(counted.items).toHaveLength(1);
      expect((await pds.ok('/v2/file/search', { drive_id: driveId, query: 'name = "nothing"', return_total_count: true })).total_count).toBe(0);
      expect((await pds.ok('/v2/file/search', { drive_id: driveId, query: q })).total_count).toBeUndefined();
      expect((await pds.ok('/v2/file/search', { drive_id: driveId, query: q, return_total_count: false })).total_count).toBeUndefined();
      expect((await pds.fails('/v2/file/search', { drive_id: driveId, query: q, return_total_count: 'yes' }, 400, 'InvalidParameter')).message).toContain('return_total_count');
      // SearchFileRequest's limit: 1-100.
      expect((await pds.ok('/v2/file/search', { drive_id: driveId, query: q, limit: 100 })).items).toHaveLength(3);
      for (const limit of [0, 101]) {
        expect((await pds.fails('/v2/file/search', { drive_id: driveId, query: q, limit }, 400, 'InvalidParameterOutOfRange')).message).toContain('limit');
      }
    });

    it('pages with markers tied to the query', async () => {
      const q = `parent_file_id = "${parent}"`;
      const first = await pds.ok('/v2/file/search', { drive_id: driveId, query: q, limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await pds.ok('/v2/file/search', { drive_id: driveId, query: q, limit: 2, marker: first.next_marker });
      expect(second.items).toHaveLength(1);
      expect(second.next_marker).toBe('');
      await pds.fails('/v2/file/search', { drive_id: driveId, query: 'type = "file"', marker: first.next_marker }, 400, 'InvalidParameter');
    });

    it('refuses a bad query with InvalidParameter.Query naming query', async () => {
      for (const query of ['name ~ "x"', 'name match x', 'size = "1"', 'name = "x" and', '(name = "x"', 'type = "dir"', 'name = "unterminated', 'parent_file_id match "x"', '  ']) {
        const res = await pds.fails('/v2/file/search', { drive_id: driveId, query }, 400, query.trim() ? 'InvalidParameter.Query' : /^InvalidParameter/);
        expect(res.message, query).toContain('query');
      }
      await pds.fails('/v2/file/search', { drive_id: driveId }, 400, 'InvalidParameterMissing');
    });
  });

  describe('download', () => {
    let fileId: string;
    const content = 'The quick brown fox jumps over the lazy dog';
    beforeAll(async () => {
      fileId = (await uploadFile(pds, driveId, 'root', 'fox.txt', content)).file_id;
    });

    it('gives a signed URL that streams the bytes, whole or by Range', async () => {
      const res = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId });
      expect(res.size).toBe(content.length);
      expect(Date.parse(res.expiration) - Date.now()).toBeGreaterThan(890_000);
      expect(Date.parse(res.expiration) - Date.now()).toBeLessThanOrEqual(900_000);
      const whole = await fetch(res.url);
      expect([whole.status, await whole.text()]).toEqual([200, content]);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(whole.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
      const cases: Array<[string, number, string, string | null]> = [
        ['bytes=4-8', 206, 'quick', `bytes 4-8/${content.length}`],
        ['bytes=40-', 206, 'dog', `bytes 40-42/${content.length}`],
        ['bytes=-3', 206, 'dog', `bytes 40-42/${content.length}`],
        ['bytes=40-1000', 206, 'dog', `bytes 40-42/${content.length}`],
        ['bytes=0-0,5-6', 200, content, null],
        ['items=0-1', 200, content, null],
      ];
      for (const [range, status, body, contentRange] of cases) {
        const r = await fetch(res.url, { headers: { range } });
        expect([range, r.status, await r.text(), r.headers.get('content-range')]).toEqual([range, status, body, contentRange]);
      }
      for (const range of ['bytes=43-', 'bytes=9-2', 'bytes=abc', 'bytes=-0', 'bytes=-']) {
        const r = await fetch(res.url, { headers: { range } });
        expect([range, r.status, r.headers.get('content-range')]).toEqual([range, 416, `bytes */${content.length}`]);
        expect(r.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
      }
    });

    it('honours expire_sec within its limit, and refuses expired, tampered and trashed', async () => {
      const res = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId, expire_sec: 115_200 });
      expect(Date.parse(res.expiration) - Date.now()).toBeGreaterThan(115_000_000);
      expect((await pds.fails('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId, expire_sec: 115_201 }, 400, 'InvalidParameterOutOfRange')).message).toContain('expire_sec');
      await pds.fails('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId, expire_sec: '60' }, 400, 'InvalidParameter');
      const short = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId, expire_sec: 1 });
      vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 2000);
      expect((await fetch(short.url)).status).toBe(403);
      vi.restoreAllMocks();
      const tampered = await fetch(res.url.replace(fileId, `${fileId.slice(0, -1)}${fileId.endsWith('0') ? '1' : '0'}`));
      expect(tampered.status).toBe(403);
      expect(((await tampered.json()) as Json).code).toBe('ForbiddenNoPermission');
      const copy = await uploadFile(pds, driveId, 'root', 'gone.txt', 'bye');
      const url = (await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: copy.file_id })).url as string;
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: copy.file_id }, 202);
      const gone = await fetch(url);
      expect(gone.status).toBe(404);
      expect(((await gone.json()) as Json).code).toBe('NotFound.File');
    });

    it('has no download URL for a folder', async () => {
      const folder = await makeFolder(pds, driveId, 'root', 'not-a-file');
      await pds.fails('/v2/file/get_download_url', { drive_id: driveId, file_id: folder.file_id }, 404, 'NotFound.File');
    });
  });
});

describe('PDS large content', () => {
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode();
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  it('streams a 24 MiB file up and down, and answers an oversized PUT with an error, not a reset', async () => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'large', total_size: 30 * 1024 * 1024 }, 201)).drive_id as string;
    const bytes = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
    const file = await uploadFile(pds, driveId, 'root', 'big.bin', bytes);
    const { createHash } = await import('node:crypto');
    expect(file.content_hash).toBe(createHash('sha1').update(bytes).digest('hex').toUpperCase());
    const url = (await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: file.file_id })).url as string;
    const back = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(back.equals(bytes)).toBe(true);
    const tail = await fetch(url, { headers: { range: `bytes=${bytes.length - 4096}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 4096))).toBe(true);

    // Only 6 MiB left: an undeclared 8 MiB PUT is refused with 413, read by the client.
    const open = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'too-big.bin', type: 'file' }, 201);
    const over = await fetch(open.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.alloc(8 * 1024 * 1024) });
    expect(over.status).toBe(413);
    expect(((await over.json()) as Json).code).toBe('QuotaExhausted.Drive');
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(bytes.length);
  });

  it('drops an upload whose client went away mid-body, and keeps its URL usable', async () => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'aborts' }, 201)).drive_id as string;
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'cut.bin', type: 'file', size: 1_000_000 }, 201);
    const url = new URL(created.part_info_list[0].upload_url);
    await new Promise<void>((resolve) => {
      const req = request(url, { method: 'PUT', headers: { 'content-length': '1000000' } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await eventually(async () => ((await readdir(join(node.dataDir, 'blobs', 'tmp'))).length === 0 ? true : undefined), 5000);
    expect((await fetch(url, { method: 'PUT', body: Buffer.alloc(1_000_000) })).status).toBe(200);
    expect((await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id })).size).toBe(1_000_000);
  });
});
