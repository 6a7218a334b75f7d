import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { signedIn } from '../jobs/support/jobs-client.js';
import { rawNas } from '../nas/support/raw.js';
import { PdsClient } from '../pds/support/pds-client.js';
import { createPostgresSchema, postgresBaseUrl, runStatement, postgresOnlySuite } from '../support/databases.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { auditStore } from '../support/store-audit.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const onPostgres = await postgresOnlySuite();

const FOLDERS = 400;

/**
 * Issue 13 item 2: a node survives losing its database. `salvage serve` runs as a child
 * process and reaches PostgreSQL through a TCP relay the test can cut. Its connections
 * are first killed by pg_terminate_backend (which used to kill the process: the pool had
 * no 'error' listener), then the database goes away altogether in the middle of a purge:
 * requests answer 503 with Retry-After in each dialect's shape, /healthz says so, and when
 * the database is back the node serves again and the purge finishes, with nothing lost.
 */
describe.skipIf(!onPostgres)('a node whose PostgreSQL goes away', () => {
  const proxy = new TcpProxy({ host: new URL(postgresBaseUrl).hostname, port: Number(new URL(postgresBaseUrl).port || 5432) });
  const applicationName = `salvage_outage_${process.pid}`;
  let schema: Awaited<ReturnType<typeof createPostgresSchema>>;
  let dataDir: string;
  let server: SpawnedNode;
  let auditor: Store | undefined;

  beforeAll(async () => {
    schema = await createPostgresSchema();
    dataDir = await mkdtemp(join(tmpdir(), 'salvage-outage-'));
    await proxy.start();
    const viaProxy = new URL(schema.url);
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('application_name', applicationName);
    server = new SpawnedNode({
      dataDir,
      databaseUrl: viaProxy.toString(),
      env: { SALVAGE_PURGE_BATCH_SIZE: '2', SALVAGE_POLL_INTERVAL_MS: '50', SALVAGE_JOB_LEASE_MS: '1500' },
    });
    await server.start();
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    await proxy.stop();
    await auditor?.close();
    await schema?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stays up, answers 503 while it is away, and finishes its purge when it is back', async () => {
    onTestFailed(() => console.log(`--- salvage serve output ---\n${server.output()}`));
    const pds = new PdsClient(server.url);
    const token = await pds.ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    pds.accessToken = token.access_token as string;
    const drive = await pds.ok('/v2/drive/create', { drive_name: 'outage', owner: token.user_id }, 201);
    const driveId = drive.drive_id as string;
    const big = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'big', type: 'folder' }, 201);
    for (let i = 0; i < FOLDERS; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: big.file_id, name: `f${i + j}`, type: 'folder' }, 201),
        ),
      );
    }
    const jobs = await signedIn(server.url);
    const kept = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'kept', type: 'folder' }, 201);

    // An administrator kills every connection of the node: it carries on.
    await runStatement(postgresBaseUrl, `select pg_terminate_backend(pid) from pg_stat_activity where application_name = '${applicationName}'`);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.running).toBe(true);
    await pds.ok('/v2/file/get', { drive_id: driveId, file_id: kept.file_id });

    // A purge starts; the database goes away in the middle of it.
    const deleted = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: big.file_id }, 202);
    const taskId = deleted.async_task_id as string;
    for (;;) {
      const task = await pds.ok('/v2/async_task/get', { async_task_id: taskId });
      expect(task.state, 'the purge ended before the outage; make it bigger').toBe('Running');
      if (task.consumed_process > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await proxy.cut();

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'database unavailable' });
    const pdsAnswer = await pds.call('/v2/file/get', { drive_id: driveId, file_id: kept.file_id });
    expect(pdsAnswer.status).toBe(503);
    expect(pdsAnswer.body.code).toBe('ServiceUnavailable');
    expect(pdsAnswer.headers.get('retry-after')).toBe('5');
    const jobsAnswer = await jobs.call('GET', '/v1/auth/session');
    expect(jobsAnswer.status).toBe(503);
    expect(jobsAnswer.headers.get('retry-after')).toBe('5');
    expect(jobsAnswer.body.code).toBe('ServiceUnavailable');
    const nasAnswer = await rawNas(server, { action: 'DescribeFileSystems' });
    expect(nasAnswer.status).toBe(503);
    expect(nasAnswer.headers.get('retry-after')).toBe('5');
    expect(nasAnswer.json.Code).toBe('ServiceUnavailable');
    // Long enough for the engine to try its next batch, and fail it, while away.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(server.running).toBe(true);

    await proxy.restore();
    const deadline = Date.now() + 30_000;
    let task;
    for (;;) {
      const answer = await pds.call('/v2/async_task/get', { async_task_id: taskId });
      if (answer.status === 200 && answer.body.state !== 'Running') {
        task = answer.body;
        break;
      }
      if (Date.now() > deadline) throw new Error(`the purge did not finish after the database came back: ${JSON.stringify(answer.body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(task.state).toBe('Succeed');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await pds.fails('/v2/file/get', { drive_id: driveId, file_id: big.file_id }, 404, 'NotFound.File');
    await pds.ok('/v2/file/get', { drive_id: driveId, file_id: kept.file_id });

    auditor = await openStore(schema.url);
    const audit = await auditStore(auditor.db, dataDir);
    expect(audit.problems).toEqual([]);
    expect(server.running).toBe(true);
  }, 120_000);
});
