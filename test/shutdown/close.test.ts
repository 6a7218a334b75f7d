import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { bulkFill } from '../crash/bulk-fill.js';
import { type Json, PdsClient, signIn, waitForTask } from '../pds/support/pds-client.js';
import { createPostgresSchema, testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { auditStore, type StoreAudit } from '../support/store-audit.js';

const databases = await testDatabases();

/** Short, so the suite is quick; the bound below is what close promises for any grace. */
const GRACE_MS = 1_000;
/** A purge batch of this setting takes milliseconds; the rest is a loaded 2-core machine. */
const SLACK_MS = 3_000;

/** How long `node.close()` took. */
async function timeClose(node: TestNode): Promise<number> {
  const started = Date.now();
  await node.close();
  return Date.now() - started;
}

/** Staged blob files: the uploads a node is receiving right now. */
const stagedNow = async (node: TestNode): Promise<number> => (await readdir(join(node.dataDir, 'blobs', 'tmp'))).length;

/** The store and blob directory of a stopped node, audited from outside. */
async function auditStopped(node: TestNode): Promise<StoreAudit & { job?: Json }> {
  const store = await openStore(node.databaseUrl);
  try {
    const audit = await auditStore(store.db, node.dataDir);
    const job = await store.db.selectFrom('jobs').selectAll().where('type', '=', 'delete').executeTakeFirst();
    return { ...audit, job };
  } finally {
    await store.close();
  }
}

/**
 * `node.close()` while work is in flight: it returns within one job batch plus the grace
 * period, hands a running job back for the next node, and leaves nothing half-written.
 */
describe.each(databases)('closing a node on %s', (database) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** A node whose database and data directory outlive it, for a second node after it. */
  async function firstNode(overrides: Parameters<typeof startTestNode>[0] = {}): Promise<TestNode> {
    const schema = database === 'postgres' ? await createPostgresSchema() : undefined;
    if (schema) cleanup.push(schema.drop);
    const node = await startTestNode({ database, shutdownGraceMs: GRACE_MS, ...(schema && { databaseUrl: schema.url }), ...overrides });
    cleanup.push(() => node.destroy());
    return node;
  }

  async function nextNode(after: TestNode, overrides: Parameters<typeof startTestNode>[0] = {}): Promise<TestNode> {
    const node = await startTestNode({ database, dataDir: after.dataDir, databaseUrl: after.databaseUrl, shutdownGraceMs: GRACE_MS, ...overrides });
    cleanup.push(() => node.destroy());
    return node;
  }

  it('mid-purge: returns within a batch plus the grace, and the next node finishes the job', async () => {
    // A lease far longer than the test: the next node can only resume at once if close
    // handed the job back, not by waiting for the lease to run out.
    const settings = { purgeBatchSize: 10, jobLeaseMs: 10 * 60_000 };
    const node = await firstNode(settings);
    const pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'purge' }, 201)).drive_id as string;
    const folder = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'big', type: 'folder' }, 201);
    const filled = await bulkFill(node.salvage, node.adminActor, driveId, [folder.file_id], { folders: 30, filesPerFolder: 100, emptyPerFolder: 0 });
    expect(filled.entries).toBe(3_030);

    const task = (await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: folder.file_id }, 202)).async_task_id as string;
    await eventually(async () => ((await pds.ok('/v2/async_task/get', { async_task_id: task })).consumed_process >= 100 ? true : undefined));
    const closeMs = await timeClose(node);
    expect(closeMs).toBeLessThan(GRACE_MS + SLACK_MS);

    // Stopped between batches: what committed is counted, consistent, and the job is free.
    const stopped = await auditStopped(node);
    expect(stopped.problems).toEqual([]);
    expect(stopped.stagedFiles).toEqual([]);
    expect(stopped.job).toMatchObject({ state: 'running' });
    const processed = Number(stopped.job!.processed);
    expect(processed).toBeGreaterThanOrEqual(100);
    expect(processed).toBeLessThan(filled.entries + 1);
    expect(Number(stopped.job!.lease_expires_at)).toBeLessThan(Date.now());
    console.log(`[${database}] close mid-purge: ${closeMs} ms, ${processed} of ${filled.entries + 1} entries purged`);

    const next = await nextNode(node, settings);
    const again = new PdsClient(next.url, pds.accessToken);
    const done = await waitForTask(again, task, 30_000);
    expect(done).toMatchObject({ state: 'Succeed', consumed_process: filled.entries + 1, total_process: filled.entries + 1 });
    await again.fails('/v2/file/get', { drive_id: driveId, file_id: folder.file_id }, 404, 'NotFound.File');
    expect((await again.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(0);
    const end = await next.close().then(() => auditStopped(next));
    expect(end.problems).toEqual([]);
    expect(end.blobFiles.size).toBe(0);
  });

  it('mid-upload: cuts a body that never ends after the grace; nothing half-written is kept', async () => {
    const node = await firstNode();
    const pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'upload' }, 201)).drive_id as string;
    const size = 1_000_000;
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'slow.bin', type: 'file', size }, 201);
    const uploadUrl = created.part_info_list[0].upload_url as string;

    // 1,000 of 1,000,000 bytes, then nothing: the request stays open until the server cuts it.
    const put = request(uploadUrl, { method: 'PUT', headers: { 'content-length': String(size) } });
    const ended = new Promise<string>((resolve) => {
      put.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      put.on('response', (res) => resolve(`answered ${res.statusCode}`));
    });
    put.write(Buffer.alloc(1_000, 1));
    await eventually(async () => ((await stagedNow(node)) > 0 ? true : undefined));

    const closeMs = await timeClose(node);
    expect(closeMs).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(closeMs).toBeLessThan(GRACE_MS + SLACK_MS);
    expect(await ended).toMatch(/ECONNRESET|socket hang up/);
    console.log(`[${database}] close mid-upload: ${closeMs} ms; the client saw ${await ended}`);

    const stopped = await auditStopped(node);
    expect(stopped.problems).toEqual([]);
    expect(stopped.stagedFiles).toEqual([]);
    expect(stopped.blobFiles.size).toBe(0);

    // After a restart the file is still an unfinished upload, with no content, and the
    // same URL takes the whole body.
    const next = await nextNode(node);
    const again = new PdsClient(next.url, pds.accessToken);
    const file = await again.ok('/v2/file/get', { drive_id: driveId, file_id: created.file_id });
    expect(file.status).not.toBe('available');
    await again.fails('/v2/file/get_download_url', { drive_id: driveId, file_id: created.file_id }, 404, /NotFound/);
    expect((await again.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(0);
    const moved = uploadUrl.replace(/^http:\/\/[^/]+/, next.url);
    expect((await fetch(moved, { method: 'PUT', body: Buffer.alloc(size, 2) })).status).toBe(200);
    const done = await again.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
    expect(done.size).toBe(size);
  });

  it('a request still in flight at close gets its answer, and close does not wait out keep-alive', async () => {
    // The hang behind test/pds/restart.test.ts's afterAll: before, this close took 71 s
    // (Fastify's keepAliveTimeout of 72 s), past vitest's 60 s hook timeout.
    const node = await firstNode({ shutdownGraceMs: 20_000 });
    const pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'keep-alive' }, 201)).drive_id as string;
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, name: 'late.txt', type: 'file', size: 10 }, 201);
    let push!: (chunk: Uint8Array | null) => void;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = (chunk) => (chunk ? c.enqueue(chunk) : c.close())) });
    push(Buffer.from('hello'));
    // fetch keeps its connections alive: the connection is busy when close begins.
    const init = { method: 'PUT', body, duplex: 'half', headers: { 'content-length': '10' } };
    const answer = fetch(created.part_info_list[0].upload_url as string, init as RequestInit);
    await eventually(async () => ((await stagedNow(node)) > 0 ? true : undefined));
    setTimeout(() => (push(Buffer.from('world')), push(null)), 500);

    const closeMs = await timeClose(node);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    expect(closeMs).toBeLessThan(500 + SLACK_MS);
    console.log(`[${database}] close with a request in flight: ${closeMs} ms`);
    const stopped = await auditStopped(node);
    expect(stopped.problems).toEqual([]);
    expect(stopped.blobFiles.size).toBe(1);
  });
});
