import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, type PdsClient, signIn, waitForTask } from '../pds/support/pds-client.js';
import { seedBigFolder } from '../ui/support/seed.js';
import { type JobsClient, signedIn } from './support/jobs-client.js';

/**
 * Issue 14 item 6: a restore that fails lists its item in the job's report, with where it
 * was and why. The restore is queued behind a slow purge (one entry a batch), and its
 * target folder goes to the bin before it runs.
 */
describe.each(await testDatabases())('job reports of failed restores on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let jobs: JobsClient;
  beforeAll(async () => {
    node = await startTestNode({ database, purgeBatchSize: 1 });
    pds = await signIn(node);
    jobs = await signedIn(node.url);
  });
  afterAll(async () => node?.destroy());

  it('reports the item a restore could not bring back', async () => {
    const { salvage, adminActor: me } = node;
    const driveId = (await salvage.drives.create(me, { name: 'reports', origin: 'pds' })).id;
    const target = (await salvage.entries.createFolder(me, { driveId, parentId: 'root', name: 'target' })).entry;
    const file = (await salvage.entries.createFile(me, { driveId, parentId: 'root', name: 'x.txt', content: Readable.from([Buffer.from('x')]) })).entry;
    await salvage.bin.trash(me, { driveId, fileId: file.id });
    const big = await seedBigFolder(node, driveId, 'Big', 20, 150);
    const purge = await salvage.bin.delete(me, { driveId, fileId: big, policy: 'queue', binOnly: false });
    // Behind the purge, into a folder that then goes to the bin.
    const { job: restore } = await salvage.bin.restore(me, { driveId, fileId: file.id, targetId: target.id, policy: 'queue' });
    expect(restore.state).toBe('queued');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: target.id }, 202);
    // Not waited for: cancelled, or done already on a fast machine (then not cancellable).
    await salvage.jobs.cancel(me, String(purge.id)).catch(() => undefined);
    expect((await waitForTask(pds, String(restore.id))).state).toBe('Failed');

    const res = await fetch(`${node.url}/v1/jobs/${restore.id}/report`, { headers: { cookie: jobs.cookieHeader() } });
    expect(res.status).toBe(200);
    const [summary, ...items] = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(summary).toEqual({ jobId: restore.id, type: 'RESTORE', state: 'failed', succeeded: 0, failed: 1 });
    expect(items).toEqual([{ itemId: file.id, path: '/x.txt', code: 'NotFound', reason: expect.stringContaining(target.id) }]);
    // The purge has a report too: what it purged, nothing failed.
    const purged = await fetch(`${node.url}/v1/jobs/${purge.id}/report`, { headers: { cookie: jobs.cookieHeader() } });
    const line = JSON.parse((await purged.text()).trim()) as Json;
    expect(line).toMatchObject({ jobId: purge.id, type: 'DELETE', failed: 0 });
    expect(['cancelled', 'succeeded']).toContain(line.state);
  }, 60_000);
});
