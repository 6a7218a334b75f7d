import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { auditStore } from '../support/store-audit.js';
import { type Json, type PdsClient, signIn, waitForTask } from '../pds/support/pds-client.js';

const MB = 1_000_000;

/** Bytes of every file under the blob directory, staged or published. */
async function blobBytes(dir: string): Promise<number> {
  let total = 0;
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (item.isFile()) total += (await stat(join(item.parentPath, item.name))).size;
  }
  return total;
}

const put = (url: string, body: Buffer) => fetch(url, { method: 'PUT', body });

/**
 * Issue 13 item 10: bytes of uploads never completed count against the drive's quota
 * while they are kept (20 one-megabyte PUTs were all accepted on a 1,000,000-byte drive,
 * and 21 MB sat on disk), and the number of uploads a user leaves open is bounded.
 */
describe.each(await testDatabases())('uploads not completed count against the quota on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 1 });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  const newDrive = async (name: string, totalSize: number) => (await pds.ok('/v2/drive/create', { drive_name: name, total_size: totalSize }, 201)).drive_id as string;
  const ref = (driveId: string, c: Json) => ({ drive_id: driveId, file_id: c.file_id, upload_id: c.upload_id });

  it('refuses the PUTs past the quota, and keeps no more than the quota on disk', async () => {
    const driveId = await newDrive('twenty', MB);
    const before = await blobBytes(join(node.dataDir, 'blobs'));
    const accepted: Json[] = [];
    const refused: string[] = [];
    for (let i = 0; i < 20; i++) {
      // Half announce their size at create, half do not: both ways are bounded.
      const body = { drive_id: driveId, parent_file_id: 'root', name: `part-${i}.bin`, type: 'file', ...(i % 2 === 1 && { size: MB }) };
      const created = await pds.call('/v2/file/create', body);
      if (created.status !== 201) {
        expect(created.status, JSON.stringify(created.body)).toBe(413);
        expect(created.body.code).toBe('QuotaExhausted.Drive');
        refused.push(`create ${i}`);
        continue;
      }
      const res = await put(created.body.part_info_list[0].upload_url as string, Buffer.alloc(MB, i));
      if (res.status === 200) accepted.push(created.body);
      else {
        expect(res.status).toBe(413);
        expect(((await res.json()) as Json).code).toBe('QuotaExhausted.Drive');
        refused.push(`put ${i}`);
      }
    }
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(19);
    expect((await blobBytes(join(node.dataDir, 'blobs'))) - before).toBeLessThanOrEqual(MB);

    // Complete moves the bytes into used_size: still nothing more fits.
    await pds.ok('/v2/file/complete', ref(driveId, accepted[0]!));
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(MB);
    const late = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'late.bin', type: 'file' }, 201);
    expect((await put(late.part_info_list[0].upload_url as string, Buffer.alloc(1))).status).toBe(413);
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('counts the parts of multipart uploads, a replaced part once', async () => {
    const driveId = await newDrive('parts', MB);
    const parts = [{ part_number: 1 }, { part_number: 2 }, { part_number: 3 }];
    const a = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'a.bin', type: 'file', part_info_list: parts }, 201);
    const urlOf = (c: Json, n: number) => (c.part_info_list as Json[]).find((p) => p.part_number === n)!.upload_url as string;
    expect((await put(urlOf(a, 1), Buffer.alloc(400_000))).status).toBe(200);
    expect((await put(urlOf(a, 2), Buffer.alloc(400_000))).status).toBe(200);
    // A second upload sees the first one's parts as taken.
    const b = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'b.bin', type: 'file' }, 201);
    expect((await put(b.part_info_list[0].upload_url as string, Buffer.alloc(300_000))).status).toBe(413);
    expect((await put(urlOf(a, 3), Buffer.alloc(300_000))).status).toBe(413);
    // Replacing a part counts it once.
    expect((await put(urlOf(a, 2), Buffer.alloc(600_000))).status).toBe(200);
    expect((await put(urlOf(a, 3), Buffer.alloc(1))).status).toBe(413);

    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('lets a single-part upload take the room a deleted one left', async () => {
    const driveId = await newDrive('freed', MB);
    const first = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'first.bin', type: 'file' }, 201);
    expect((await put(first.part_info_list[0].upload_url as string, Buffer.alloc(MB))).status).toBe(200);
    const second = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'second.bin', type: 'file' }, 201);
    expect((await put(second.part_info_list[0].upload_url as string, Buffer.alloc(MB))).status).toBe(413);
    // Deleted for good (a job): its content goes with it, and so does the room it held.
    const deleted = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: first.file_id }, 202);
    expect((await waitForTask(pds, deleted.async_task_id as string)).state).toBe('Succeed');
    expect((await put(second.part_info_list[0].upload_url as string, Buffer.alloc(MB))).status).toBe(200);
    await pds.ok('/v2/file/complete', ref(driveId, second));
    expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
  });

  it('gives no new URLs to an upload past its maximum age (seven days)', async () => {
    const driveId = await newDrive('old', MB);
    const res = await pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'old', type: 'file' });
    expect(res.status).toBe(201);
    const ref = { drive_id: driveId, file_id: res.body.file_id, upload_id: res.body.upload_id };
    await pds.ok('/v2/file/get_upload_url', ref);
    const eightDaysAgo = Date.now() - 8 * 24 * 3600_000;
    await node.salvage.ctx.store.db.updateTable('uploads').set({ created_at: eightDaysAgo }).where('id', '=', res.body.upload_id).execute();
    const refused = await pds.fails('/v2/file/get_upload_url', ref, 409, 'StateConflict');
    expect(refused.message).toMatch(/too old/);
  });
});

describe.each(await testDatabases())('open uploads per user on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database, maxOpenUploads: 3 });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'capped' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const create = (name: string) => pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name, type: 'file' });

  it('refuses to begin more than the limit, and counts only uploads still open', async () => {
    const open = [];
    for (const name of ['1', '2', '3']) {
      const res = await create(name);
      expect(res.status).toBe(201);
      open.push(res.body);
    }
    const fourth = await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: '4', type: 'file' }, 409, 'QuotaExhausted.OpenUploads');
    expect(fourth.message).toMatch(/3 uploads/);
    // A folder is no upload; an existing name answered as it is begins none.
    await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'folder', type: 'folder' }, 201);

    // Completing one frees its slot.
    const first = open[0]!;
    expect((await fetch(first.part_info_list[0].upload_url as string, { method: 'PUT', body: 'x' })).status).toBe(200);
    await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: first.file_id, upload_id: first.upload_id });
    expect((await create('4')).status).toBe(201);
    expect((await create('5')).status).toBe(409);
  });

  it('reads SALVAGE_MAX_OPEN_UPLOADS', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig({}, { SALVAGE_MAX_OPEN_UPLOADS: '7' }).maxOpenUploads).toBe(7);
    expect(loadConfig({}, {}).maxOpenUploads).toBeUndefined();
    expect(() => loadConfig({}, { SALVAGE_MAX_OPEN_UPLOADS: '-2' })).toThrow(/SALVAGE_MAX_OPEN_UPLOADS/);
  });
});
