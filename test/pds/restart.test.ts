import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { restartableNodes } from '../support/node.js';
import { PdsClient, signIn } from './support/pds-client.js';

const databases = await testDatabases();

/** What a client holds across a server restart: tokens, upload URLs and half-done uploads. */
describe.each(databases)('PDS across a restart on %s', (database) => {
  const nodes = restartableNodes(database);

  it('keeps tokens, received content and upload state; complete and download work after it', async () => {
    let node = await nodes.first();
    const { dataDir } = node;
    const pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'restart' }, 201)).drive_id as string;
    const received = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'received.txt', type: 'file', size: 5 }, 201);
    expect((await fetch(received.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.from('hello') })).status).toBe(200);
    const pending = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'pending.txt', type: 'file', size: 3 }, 201);
    const multi = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'multi.txt', type: 'file', part_info_list: [{ part_number: 1 }, { part_number: 2 }] }, 201);
    expect((await fetch(multi.part_info_list[0].upload_url, { method: 'PUT', body: Buffer.from('part-one ') })).status).toBe(200);
    const part = await node.salvage.ctx.store.db.selectFrom('upload_parts').select('blob_id').where('upload_id', '=', multi.upload_id).executeTakeFirstOrThrow();
    await node.close();
    // As if the node died after the part's row committed but before its blob was published.
    await rename(join(dataDir, 'blobs', 'objects', part.blob_id.slice(0, 2), part.blob_id), join(dataDir, 'blobs', 'tmp', part.blob_id));

    node = await nodes.next();
    const again = new PdsClient(node.url, pds.accessToken);
    const done = await again.ok('/v2/file/complete', { drive_id: driveId, file_id: received.file_id, upload_id: received.upload_id });
    expect(done.size).toBe(5);
    const url = (await again.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: received.file_id })).url as string;
    expect(await (await fetch(url)).text()).toBe('hello');
    // The old URL's host:port is gone with the old process; the signed path still works here.
    const moved = pending.part_info_list[0].upload_url.replace(/^http:\/\/[^/]+/, node.url);
    expect((await fetch(moved, { method: 'PUT', body: Buffer.from('abc') })).status).toBe(200);
    expect((await again.ok('/v2/file/complete', { drive_id: driveId, file_id: pending.file_id, upload_id: pending.upload_id })).size).toBe(3);
    // The multipart upload resumes: its received part survived, published by recovery.
    const listed = await again.ok('/v2/file/list_uploaded_parts', { drive_id: driveId, file_id: multi.file_id, upload_id: multi.upload_id });
    expect(listed.uploaded_parts.map((p: { part_number: number }) => p.part_number)).toEqual([1]);
    const second = multi.part_info_list[1].upload_url.replace(/^http:\/\/[^/]+/, node.url);
    expect((await fetch(second, { method: 'PUT', body: Buffer.from('part-two') })).status).toBe(200);
    const joined = await again.ok('/v2/file/complete', { drive_id: driveId, file_id: multi.file_id, upload_id: multi.upload_id });
    const joinedUrl = (await again.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: joined.file_id })).url as string;
    expect(await (await fetch(joinedUrl)).text()).toBe('part-one part-two');
    expect((await again.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(8 + 17);
  });
});
