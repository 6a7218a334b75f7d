import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type PdsClient, signIn } from '../pds/support/pds-client.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';

const HOUR = 3600_000;

/** Sets a file's modification time `agoMs` in the past, as if nothing had touched it since. */
const age = (path: string, agoMs: number) => utimes(path, new Date(Date.now() - agoMs), new Date(Date.now() - agoMs));

const objectPath = (dataDir: string, blobId: string) => join(dataDir, 'blobs', 'objects', blobId.slice(0, 2), blobId);

/** A file left where a dead writer would have left it. */
async function plant(path: string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, randomBytes(1000));
  return path;
}

/** A PUT whose body is sent in two halves; the second only when `finish` is called. */
function slowPut(url: string, first: Buffer, second: Buffer) {
  let finish!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
      finish = () => {
        controller.enqueue(second);
        controller.close();
      };
    },
  });
  const answer = fetch(url, { method: 'PUT', body, duplex: 'half' } as RequestInit);
  return { answer, finish: () => finish() };
}

async function stagedFiles(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, 'blobs', 'tmp'));
}

/**
 * Issue 13 items 3 and 6: the blob directory is swept every SALVAGE_BLOB_SWEEP_MS, not
 * only at start (on PostgreSQL, a dead upload's partial file sat in blobs/tmp until a
 * start at least 15 minutes later). Older than SALVAGE_BLOB_STALE_MS (15 minutes by
 * default), a staged file nothing references and an object nothing references are
 * removed by the running node; what is referenced, what is younger, and the staged file
 * of an upload in flight stay, even when that upload's client has been silent for longer.
 */
describe.each(await testDatabases())('the periodic blob sweep on %s', (database) => {
  const nodes: TestNode[] = [];
  afterEach(async () => {
    // All closed before any directory or schema goes: two of them may share both.
    const all = nodes.splice(0).reverse();
    for (const node of all) await node.close();
    for (const node of all) await node.destroy();
  });

  it('removes dead staged files and unreferenced objects, and nothing else', async () => {
    const node = await startTestNode({ database, blobSweepIntervalMs: 100 });
    nodes.push(node);
    const pds = await signIn(node);
    const drive = (await pds.ok('/v2/drive/create', { drive_name: 'sweep' }, 201)).drive_id as string;
    const kept = await upload(pds, drive, 'kept.txt', Buffer.from('kept for good'));
    const keptBlob = (await node.salvage.ctx.store.db.selectFrom('entries').select('blob_id').where('id', '=', kept.file_id).executeTakeFirstOrThrow()).blob_id!;
    await age(objectPath(node.dataDir, keptBlob), 2 * HOUR); // old, but referenced

    // An upload in flight whose client went quiet: its staged file looks old.
    const created = await pds.ok('/v2/file/create', { drive_id: drive, parent_file_id: 'root', name: 'slow.bin', type: 'file', size: 2000 }, 201);
    const content = randomBytes(2000);
    const put = slowPut(created.part_info_list[0].upload_url as string, content.subarray(0, 1000), content.subarray(1000));
    const [inFlight] = await eventually(async () => ((await stagedFiles(node.dataDir)).length === 1 ? stagedFiles(node.dataDir) : undefined));

    const deadStaged = await plant(join(node.dataDir, 'blobs', 'tmp', randomBytes(16).toString('hex')));
    const orphan = await plant(objectPath(node.dataDir, randomBytes(16).toString('hex')));
    const youngOrphan = await plant(objectPath(node.dataDir, randomBytes(16).toString('hex')));
    await age(deadStaged, 2 * HOUR);
    await age(orphan, 2 * HOUR);
    await age(join(node.dataDir, 'blobs', 'tmp', inFlight!), 2 * HOUR);

    await eventually(async () => (!existsSync(deadStaged) && !existsSync(orphan) ? true : undefined), 10_000);
    // A few more sweeps, for anything they would wrongly take.
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(youngOrphan)).toBe(true);
    expect(existsSync(objectPath(node.dataDir, keptBlob))).toBe(true);
    expect(await stagedFiles(node.dataDir)).toEqual([inFlight]);

    put.finish();
    expect((await put.answer).status).toBe(200);
    await pds.ok('/v2/file/complete', { drive_id: drive, file_id: created.file_id, upload_id: created.upload_id });
    expect(Buffer.from(await download(pds, drive, created.file_id)).equals(content)).toBe(true);
    expect(await download(pds, drive, kept.file_id)).toEqual(new Uint8Array(Buffer.from('kept for good')));
  });

  it.runIf(database === 'postgres')("leaves another node's upload alone while its client is silent", async () => {
    // Two nodes on one database and one blob directory; stale after 2 s, so the first
    // node's heartbeat (every 0.5 s) is all that keeps its upload from the second's sweep.
    const writer = await startTestNode({ database, blobStaleMs: 2_000, blobSweepIntervalMs: 60_000 });
    nodes.push(writer);
    const sweeper = await startTestNode({ database, dataDir: writer.dataDir, databaseUrl: writer.databaseUrl, blobStaleMs: 2_000, blobSweepIntervalMs: 100 });
    nodes.push(sweeper);
    const pds = await signIn(writer);
    const drive = (await pds.ok('/v2/drive/create', { drive_name: 'two' }, 201)).drive_id as string;
    const created = await pds.ok('/v2/file/create', { drive_id: drive, parent_file_id: 'root', name: 'slow.bin', type: 'file', size: 2000 }, 201);
    const content = randomBytes(2000);
    const put = slowPut(created.part_info_list[0].upload_url as string, content.subarray(0, 1000), content.subarray(1000));
    await eventually(async () => ((await stagedFiles(writer.dataDir)).length === 1 ? true : undefined));
    const deadStaged = await plant(join(writer.dataDir, 'blobs', 'tmp', randomBytes(16).toString('hex')));

    // Silent for twice the stale period: the second node's sweep took the dead file only.
    await eventually(async () => (!existsSync(deadStaged) ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await stagedFiles(writer.dataDir)).toHaveLength(1);
    put.finish();
    expect((await put.answer).status).toBe(200);
    await pds.ok('/v2/file/complete', { drive_id: drive, file_id: created.file_id, upload_id: created.upload_id });
    expect(Buffer.from(await download(pds, drive, created.file_id)).equals(content)).toBe(true);
  });
});

async function upload(pds: PdsClient, driveId: string, name: string, body: Buffer) {
  const created = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name, type: 'file', size: body.length }, 201);
  expect((await fetch(created.part_info_list[0].upload_url as string, { method: 'PUT', body })).status).toBe(200);
  return pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
}

async function download(pds: PdsClient, driveId: string, fileId: string): Promise<Uint8Array> {
  const link = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId });
  const res = await fetch(link.url as string);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}
