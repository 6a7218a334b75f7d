import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { auditStore } from '../support/store-audit.js';
import { type Json, type PdsClient, signIn } from './support/pds-client.js';

const databases = await testDatabases();
const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex').toUpperCase();

describe.each(databases)('PDS multipart uploads on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'multipart' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());
  afterEach(() => vi.restoreAllMocks());

  const parts = (n: number) => Array.from({ length: n }, (_, i) => ({ part_number: i + 1 }));
  const create = (name: string, extra: object = {}, drive = driveId) =>
    pds.ok('/v2/file/create', { drive_id: drive, name, type: 'file', ...extra }, 201);
  const urlOf = (created: Json, n: number) => (created.part_info_list as Json[]).find((p) => p.part_number === n)!.upload_url as string;
  const put = (url: string, body: Buffer | string) => fetch(url, { method: 'PUT', body: typeof body === 'string' ? Buffer.from(body) : body });
  const ref = (c: Json, drive = driveId) => ({ drive_id: drive, file_id: c.file_id, upload_id: c.upload_id });
  const usedSize = async (id = driveId) => (await pds.ok('/v2/drive/get', { drive_id: id })).used_size as number;
  const tmpFiles = () => readdir(join(node.dataDir, 'blobs', 'tmp'));
  const partRows = (uploadId: string) =>
    node.salvage.ctx.store.db.selectFrom('upload_parts').select(['part_number', 'blob_id']).where('upload_id', '=', uploadId).execute();
  const download = async (fileId: string, drive = driveId, range?: string) => {
    const url = (await pds.ok('/v2/file/get_download_url', { drive_id: drive, file_id: fileId })).url as string;
    return fetch(url, range ? { headers: { range } } : {});
  };

  it('answers one signed URL per part, takes the parts in any order, and joins them in part order', async () => {
    const created = await create('three.txt', { size: 11, part_info_list: [{ part_number: 1, part_size: 4 }, { part_number: 2 }, { part_number: 3 }] });
    expect(created.part_info_list.map((p: Json) => p.part_number)).toEqual([1, 2, 3]);
    expect(created.part_info_list[0].part_size).toBe(4);
    expect(new Set(created.part_info_list.map((p: Json) => p.upload_url)).size).toBe(3);
    for (const [n, body] of [[3, 'rld'], [1, 'hell'], [2, 'o wo']] as const) {
      const res = await put(urlOf(created, n), body);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${sha1(Buffer.from(body))}"`);
    }
    const before = await usedSize();
    const done = await pds.ok('/v2/file/complete', ref(created));
    expect(done).toMatchObject({ status: 'available', size: 11, content_hash: sha1(Buffer.from('hello world')) });
    expect(await usedSize()).toBe(before + 11);
    expect(await (await download(created.file_id)).text()).toBe('hello world');
    // Retrying complete answers the same file and counts nothing twice; the parts are gone.
    expect(await pds.ok('/v2/file/complete', ref(created))).toEqual(done);
    expect(await usedSize()).toBe(before + 11);
    expect(await partRows(created.upload_id)).toEqual([]);
    expect(await tmpFiles()).toEqual([]);
    // A completed upload takes no more parts.
    expect((await put(urlOf(created, 2), 'o wo')).status).toBe(409);
  });

  it('replaces a part PUT again before complete, and frees the old part', async () => {
    const created = await create('again.txt', { part_info_list: parts(2) });
    expect((await put(urlOf(created, 1), 'first')).status).toBe(200);
    const [old] = await partRows(created.upload_id);
    const again = await put(urlOf(created, 1), 'AB');
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(`"${sha1(Buffer.from('AB'))}"`);
    const rows = await partRows(created.upload_id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.blob_id).not.toBe(old!.blob_id);
    const onDisk: string[] = [];
    for await (const id of node.salvage.ctx.blobs.listAll()) onDisk.push(id);
    expect(onDisk).not.toContain(old!.blob_id);
    expect((await put(urlOf(created, 2), 'CD')).status).toBe(200);
    expect(await pds.ok('/v2/file/complete', ref(created))).toMatchObject({ size: 4, content_hash: sha1(Buffer.from('ABCD')) });
    expect(await (await download(created.file_id)).text()).toBe('ABCD');
  });

  it('lists uploaded parts a page at a time, and re-issues part URLs with get_upload_url', async () => {
    const created = await create('resume.bin', { part_info_list: parts(4) });
    const listed = await pds.ok('/v2/file/list_uploaded_parts', ref(created));
    expect(listed).toEqual({ file_id: created.file_id, upload_id: created.upload_id, uploaded_parts: [], next_part_number_marker: '' });
    for (const n of [1, 2, 4]) expect((await put(urlOf(created, n), `part${n}`)).status).toBe(200);
    const all = await pds.ok('/v2/file/list_uploaded_parts', ref(created));
    expect(all.uploaded_parts).toEqual([1, 2, 4].map((n) => ({ part_number: n, part_size: 5, etag: sha1(Buffer.from(`part${n}`)) })));
    expect(all.next_part_number_marker).toBe('');
    const first = await pds.ok('/v2/file/list_uploaded_parts', { ...ref(created), limit: 2 });
    expect(first.uploaded_parts.map((p: Json) => p.part_number)).toEqual([1, 2]);
    expect(first.next_part_number_marker).toBe('2');
    const second = await pds.ok('/v2/file/list_uploaded_parts', { ...ref(created), limit: 2, part_number_marker: first.next_part_number_marker });
    expect(second.uploaded_parts.map((p: Json) => p.part_number)).toEqual([4]);
    expect(second.next_part_number_marker).toBe('');

    // The first URLs expire; get_upload_url gives working ones for the part still missing.
    const later = Date.now() + 3601_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    expect((await put(urlOf(created, 3), 'part3')).status).toBe(403);
    const fresh = await pds.ok('/v2/file/get_upload_url', { ...ref(created), part_info_list: [{ part_number: 3 }] });
    expect(fresh).toMatchObject({ drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
    expect(fresh.part_info_list).toHaveLength(1);
    expect(fresh.part_info_list[0].part_number).toBe(3);
    expect((await put(fresh.part_info_list[0].upload_url, 'part3')).status).toBe(200);
    vi.restoreAllMocks();
    const done = await pds.ok('/v2/file/complete', ref(created));
    expect(done.size).toBe(20);
    expect(await (await download(created.file_id)).text()).toBe('part1part2part3part4');
    // Once completed, neither call has anything to say.
    await pds.fails('/v2/file/list_uploaded_parts', ref(created), 409, 'StateConflict');
    await pds.fails('/v2/file/get_upload_url', { ...ref(created), part_info_list: [{ part_number: 1 }] }, 409, 'StateConflict');
  });

  it('grows an upload past its first parts when get_upload_url names more, and complete waits for them', async () => {
    const created = await create('grow.bin', { part_info_list: parts(2) });
    const more = await pds.ok('/v2/file/get_upload_url', { ...ref(created), part_info_list: [{ part_number: 3 }] });
    expect((await put(urlOf(created, 1), 'a')).status).toBe(200);
    expect((await put(urlOf(created, 2), 'b')).status).toBe(200);
    const res = await pds.fails('/v2/file/complete', ref(created), 400, 'InvalidParameterNotMatch');
    expect(res.message).toContain('part_info_list');
    expect((await put(more.part_info_list[0].upload_url, 'c')).status).toBe(200);
    expect(await pds.ok('/v2/file/complete', ref(created))).toMatchObject({ size: 3 });
  });

  it('refuses complete with a part missing, naming part_info_list, and changes nothing', async () => {
    const created = await create('gap.bin', { part_info_list: parts(3) });
    expect((await put(urlOf(created, 1), 'a')).status).toBe(200);
    expect((await put(urlOf(created, 3), 'c')).status).toBe(200);
    const before = await usedSize();
    const res = await pds.fails('/v2/file/complete', ref(created), 400, 'InvalidParameterNotMatch');
    expect(res.message).toContain('part_info_list');
    expect(res.message).toContain('2');
    expect(await usedSize()).toBe(before);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: created.file_id })).status).toBe('uploading');
    expect(await partRows(created.upload_id)).toHaveLength(2);
    expect(await tmpFiles()).toEqual([]);
    // Sending the missing part makes the same complete succeed.
    expect((await put(urlOf(created, 2), 'b')).status).toBe(200);
    expect(await pds.ok('/v2/file/complete', ref(created))).toMatchObject({ size: 3 });
    expect(await (await download(created.file_id)).text()).toBe('abc');
  });

  it('refuses a total that differs from the declared size, at the PUT or at complete', async () => {
    const created = await create('sized.bin', { size: 6, part_info_list: parts(2) });
    // A part that alone passes the declared size is refused at once.
    const over = await put(urlOf(created, 1), '1234567');
    expect(over.status).toBe(400);
    expect(((await over.json()) as Json).code).toBe('InvalidParameterNotMatch');
    expect((await put(urlOf(created, 1), '123')).status).toBe(200);
    // Together past the declared size: refused, and the part stays as it was.
    const big = await put(urlOf(created, 2), '4567');
    expect(big.status).toBe(400);
    expect((await partRows(created.upload_id)).map((r) => r.part_number)).toEqual([1]);
    // Short of it: complete refuses, naming size.
    expect((await put(urlOf(created, 2), '45')).status).toBe(200);
    const short = await pds.fails('/v2/file/complete', ref(created), 400, 'InvalidParameterNotMatch');
    expect(short.message).toContain('size');
    expect((await put(urlOf(created, 2), '456')).status).toBe(200);
    expect(await pds.ok('/v2/file/complete', ref(created))).toMatchObject({ size: 6 });
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses complete over quota with 413, changes nothing, and succeeds once there is room', async () => {
    const small = (await pds.ok('/v2/drive/create', { drive_name: 'small-mp', total_size: 20 }, 201)).drive_id as string;
    const a = await create('a.bin', { part_info_list: parts(2) }, small);
    const b = await create('b.bin', { part_info_list: parts(2) }, small);
    for (const c of [a, b]) {
      expect((await put(urlOf(c, 1), Buffer.alloc(3))).status).toBe(200);
      expect((await put(urlOf(c, 2), Buffer.alloc(3))).status).toBe(200);
    }
    // A quota lowered below what was received: the parts stay, and complete is what refuses.
    await pds.ok('/v2/drive/update', { drive_id: small, total_size: 10 });
    await pds.ok('/v2/file/complete', ref(a, small));
    await pds.fails('/v2/file/complete', ref(b, small), 413, 'QuotaExhausted.Drive');
    expect(await usedSize(small)).toBe(6);
    expect((await pds.ok('/v2/file/get', { drive_id: small, file_id: b.file_id })).status).toBe('uploading');
    expect(await partRows(b.upload_id)).toHaveLength(2);
    expect(await tmpFiles()).toEqual([]);
    expect((await pds.ok('/v2/file/list_uploaded_parts', ref(b, small))).uploaded_parts).toHaveLength(2);
    // Undeclared size: a part that does not fit beside the drive's bytes and those of the
    // uploads not completed (b's parts) is refused at its PUT.
    const c = await create('c.bin', { part_info_list: parts(2) }, small);
    const over = await put(urlOf(c, 1), Buffer.alloc(1));
    expect(over.status).toBe(413);
    await pds.ok('/v2/drive/update', { drive_id: small, total_size: 100 });
    expect((await pds.ok('/v2/file/complete', ref(b, small))).size).toBe(6);
    expect(await usedSize(small)).toBe(12);
  });

  it('refuses bad part lists at create and get_upload_url, naming part_info_list', async () => {
    for (const list of [[{ part_number: 0 }], [{ part_number: 10_001 }], [{ part_number: 1.5 }], [{ part_number: 1 }, { part_number: 1 }], 'x', [7]]) {
      const res = await pds.call('/v2/file/create', { drive_id: driveId, name: 'bad.bin', type: 'file', part_info_list: list });
      expect(res.status, JSON.stringify(list)).toBe(400);
      expect(res.body.code).toMatch(/^InvalidParameter/);
      expect(res.body.message).toContain('part_info_list');
    }
    const single = await create('single.bin');
    const res = await pds.fails('/v2/file/get_upload_url', { ...ref(single), part_info_list: [{ part_number: 2 }] }, 400, 'InvalidParameter');
    expect(res.message).toContain('part_info_list');
    // Part 1 of a single-part upload can be re-issued; its PUT works once, as before.
    const again = await pds.ok('/v2/file/get_upload_url', ref(single));
    expect(again.part_info_list.map((p: Json) => p.part_number)).toEqual([1]);
    expect((await put(again.part_info_list[0].upload_url, 'one')).status).toBe(200);
    expect((await pds.ok('/v2/file/list_uploaded_parts', ref(single))).uploaded_parts).toEqual([{ part_number: 1, part_size: 3, etag: sha1(Buffer.from('one')) }]);
    expect((await put(urlOf(single, 1), 'one')).status).toBe(409);
  });

  it('sweeps an abandoned multipart upload with its parts', async () => {
    const created = await create('left-mp.bin', { part_info_list: parts(2) });
    expect((await put(urlOf(created, 1), 'abc')).status).toBe(200);
    const [row] = await partRows(created.upload_id);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 3600_000 + 24 * 3600_000 + 1000);
    await node.salvage.uploads.sweep();
    vi.restoreAllMocks();
    await pds.fails('/v2/file/get', { drive_id: driveId, file_id: created.file_id }, 404, 'NotFound.File');
    expect(await partRows(created.upload_id)).toEqual([]);
    const onDisk: string[] = [];
    for await (const id of node.salvage.ctx.blobs.listAll()) onDisk.push(id);
    expect(onDisk).not.toContain(row!.blob_id);
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('streams a 20 MiB file in 5 parts, byte-identical, with a Range across a part boundary', async () => {
    const partSize = 4 * 1024 * 1024;
    const bytes = Buffer.alloc(5 * partSize);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
    const created = await create('big.bin', { size: bytes.length, part_info_list: parts(5).map((p) => ({ ...p, part_size: partSize })) });
    // Sent in parallel, in no particular order.
    const statuses = await Promise.all([4, 2, 5, 1, 3].map(async (n) => (await put(urlOf(created, n), bytes.subarray((n - 1) * partSize, n * partSize))).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const done = await pds.ok('/v2/file/complete', ref(created));
    expect(done).toMatchObject({ size: bytes.length, content_hash: sha1(bytes) });
    expect(await tmpFiles()).toEqual([]);
    const whole = Buffer.from(await (await download(created.file_id)).arrayBuffer());
    expect(whole.equals(bytes)).toBe(true);
    const start = 2 * partSize - 1000;
    const end = 2 * partSize + 999;
    const ranged = await download(created.file_id, driveId, `bytes=${start}-${end}`);
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });
});
