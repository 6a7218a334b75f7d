import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { seedBigFolder } from '../ui/support/seed.js';
import { type JobsClient, signedIn } from '../jobs/support/jobs-client.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

/**
 * Issue 14 item 3: restore_all and delete_all of what a bin search (or one deletion event)
 * finds, as one job with a dry run; deletion events recorded by every trash.
 */
describe.each(await testDatabases())('PDS restore_all, delete_all and deletion events on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let jobs: JobsClient;
  beforeAll(async () => {
    node = await startTestNode({ database, purgeBatchSize: 1 });
    pds = await signIn(node);
    jobs = await signedIn(node.url);
  });
  afterAll(async () => node?.destroy());

  const newDrive = async (name: string) => (await pds.ok('/v2/drive/create', { drive_name: name }, 201)).drive_id as string;
  const bin = async (driveId: string) =>
    ((await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 100 })).items as Json[]).map(({ auto_delete_left_sec: _, ...rest }) => rest);
  const live = async (driveId: string, parentId = 'root') =>
    ((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parentId, limit: 100 })).items as Json[]).map((i) => i.name as string).sort();
  const trash = (driveId: string, fileId: string) => pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: fileId }, 202);
  const batchTrash = (driveId: string, fileIds: string[]) =>
    pds.ok('/v2/batch', {
      resource: 'file',
      requests: fileIds.map((id, i) => ({ id: String(i), method: 'POST', url: '/recyclebin/trash', body: { drive_id: driveId, file_id: id } })),
    });
  const report = async (jobId: string) => {
    const res = await fetch(`${node.url}/v1/jobs/${jobId}/report`, { headers: { cookie: jobs.cookieHeader() } });
    expect(res.status).toBe(200);
    return (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Json);
  };

  it('records one deletion event for a batch of trashes, one of its own for a single trash, shown everywhere', async () => {
    const d = await newDrive('events');
    const [a, b, c] = await Promise.all(['a.txt', 'b.txt', 'c.txt'].map((n) => uploadFile(pds, d, 'root', n, n)));
    const answer = await batchTrash(d, [a!.file_id, b!.file_id]);
    const events = (answer.responses as Json[]).map((r) => r.body.deletion_event_id as string);
    expect(events[0]).toMatch(/^de-[0-9a-f]{16}$/);
    expect(events[1]).toBe(events[0]);
    const single = (await trash(d, c!.file_id)).deletion_event_id as string;
    expect(single).toMatch(/^de-/);
    expect(single).not.toBe(events[0]);
    const listed = new Map((await bin(d)).map((i) => [i.name, i.deletion_event_id]));
    expect(Object.fromEntries(listed)).toEqual({ 'a.txt': events[0], 'b.txt': events[0], 'c.txt': single });
    expect((await pds.ok('/v2/file/get', { drive_id: d, file_id: a!.file_id })).deletion_event_id).toBe(events[0]);
    const found = (await pds.ok('/v2/recyclebin/search_all', { drive_id: d, query: `deletion_event_id = "${events[0]}"` })).items as Json[];
    expect(found.map((i) => i.name).sort()).toEqual(['a.txt', 'b.txt']);

    // Undo the batch: both back, the single trash stays in the bin.
    const { async_task_id } = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d, deletion_event_id: events[0] }, 202);
    expect((await waitForTask(pds, async_task_id as string)).state).toBe('Succeed');
    expect(await live(d)).toEqual(['a.txt', 'b.txt']);
    expect((await bin(d)).map((i) => i.name)).toEqual(['c.txt']);
    // A client grouping separate calls passes the event it was given.
    const e = await uploadFile(pds, d, 'root', 'e.txt', 'e');
    const joined = await pds.ok('/v2/recyclebin/trash', { drive_id: d, file_id: e.file_id, deletion_event_id: single }, 202);
    expect(joined.deletion_event_id).toBe(single);
  });

  it('a dry run changes nothing and predicts the names a restore takes; the restore takes them', async () => {
    const d = await newDrive('dry');
    const docs = (await makeFolder(pds, d, 'root', 'docs')).file_id as string;
    const r1 = await uploadFile(pds, d, docs, 'report.txt', 'one');
    await trash(d, r1.file_id);
    const r2 = await uploadFile(pds, d, docs, 'report.txt', 'two');
    await trash(d, r2.file_id);
    await uploadFile(pds, d, docs, 'report.txt', 'live one');
    const other = await uploadFile(pds, d, 'root', 'other.bin', 'x');
    await trash(d, other.file_id);
    const before = await bin(d);

    const dry = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d, query: 'name match "report"', dry_run: true });
    expect(dry.count).toBe(2);
    expect(dry.size).toBe(6);
    expect((dry.items as Json[]).map((i) => [i.file_id, i.destination_path, i.restored_name])).toEqual([
      [r1.file_id, '/docs', 'report (restored).txt'],
      [r2.file_id, '/docs', 'report (restored 2).txt'],
    ]);
    const dryDelete = await pds.ok('/v2/recyclebin/delete_all', { drive_id: d, dry_run: true });
    expect([dryDelete.count, dryDelete.size, (dryDelete.items as Json[]).length]).toEqual([3, 7, 3]);
    expect(dryDelete.items[0]).not.toHaveProperty('destination_path');
    expect(await bin(d), 'a dry run changes nothing').toEqual(before);
    expect(await live(d, docs)).toEqual(['report.txt']);

    const { async_task_id } = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d, query: 'name match "report"' }, 202);
    const task = await waitForTask(pds, async_task_id as string);
    expect([task.state, task.consumed_process, task.total_process]).toEqual(['Succeed', 2, 2]);
    expect(await live(d, docs)).toEqual(['report (restored 2).txt', 'report (restored).txt', 'report.txt']);
    expect((await bin(d)).map((i) => i.name)).toEqual(['other.bin']);
    // The audit trail: the request, each item the job restored, and the job's end, all by PDS.
    const trail = await jobs.call('GET', `/v1/audit?drive=${d}&action=restore&pageSize=100`);
    const records = ((trail.body as Json).records as Json[]).filter((r) => r.jobId === Number(async_task_id));
    expect(records.map((r) => [r.outcome, r.itemId, r.detail, r.dialect]).sort()).toEqual(
      [
        ['accepted', null, '2 bin items', 'PDS'],
        ['succeeded', r1.file_id, 'to report (restored).txt', 'PDS'],
        ['succeeded', r2.file_id, 'to report (restored 2).txt', 'PDS'],
        ['succeeded', null, 'processed 2 of 2, failed 0', 'PDS'],
      ].sort(),
    );
  });

  it('predicts and makes again a folder that went to the bin after the item, as a single restore does', async () => {
    const d = await newDrive('refolder');
    const proj = (await makeFolder(pds, d, 'root', 'proj')).file_id as string;
    const x = await uploadFile(pds, d, proj, 'x.txt', 'x');
    await trash(d, x.file_id);
    await trash(d, proj);
    const dry = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d, query: 'name = "x.txt"', dry_run: true });
    expect((dry.items as Json[]).map((i) => [i.destination_path, i.restored_name])).toEqual([['/proj', 'x.txt']]);
    const { async_task_id } = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d, query: 'name = "x.txt"' }, 202);
    expect((await waitForTask(pds, async_task_id as string)).state).toBe('Succeed');
    const made = (await pds.ok('/v2/file/get_by_path', { drive_id: d, file_path: '/proj/x.txt' })) as Json;
    expect(made.file_id).toBe(x.file_id);
    expect((await bin(d)).map((i) => i.name)).toEqual(['proj']);
  });

  // Found by the model test: the job restored the folder first (its name was free) and the
  // item into it, while the dry run, as single restores in order, said otherwise.
  it('restores an item and then the folder it was deleted from in their order, as the dry run says', async () => {
    const d = await newDrive('in-order');
    const proj = (await makeFolder(pds, d, 'root', 'proj')).file_id as string;
    const x = await uploadFile(pds, d, proj, 'x.txt', 'x');
    await trash(d, x.file_id);
    await trash(d, proj);
    const dry = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d, dry_run: true });
    expect((dry.items as Json[]).map((i) => [i.name, i.destination_path, i.restored_name])).toEqual([
      ['x.txt', '/proj', 'x.txt'],
      ['proj', '/', 'proj (restored)'],
    ]);
    const { async_task_id } = await pds.ok('/v2/recyclebin/restore_all', { drive_id: d }, 202);
    expect((await waitForTask(pds, async_task_id as string)).state).toBe('Succeed');
    expect(await live(d)).toEqual(['proj', 'proj (restored)']);
    expect(((await pds.ok('/v2/file/get_by_path', { drive_id: d, file_path: '/proj/x.txt' })) as Json).file_id).toBe(x.file_id);
    expect(((await pds.ok('/v2/file/get_by_path', { drive_id: d, file_path: '/proj (restored)' })) as Json).file_id).toBe(proj);
  });

  it('refuses bad input with a 400 and changes nothing', async () => {
    const d = await newDrive('bad');
    await pds.fails('/v2/recyclebin/restore_all', { drive_id: d, query: 'nonsense' }, 400, 'InvalidParameter.Query');
    await pds.fails('/v2/recyclebin/delete_all', { drive_id: d, include_descendants: true }, 400, /^InvalidParameter/);
    await pds.fails('/v2/recyclebin/restore_all', { drive_id: d, include_subfolders: true }, 400, /^InvalidParameter/);
    await pds.fails('/v2/recyclebin/restore_all', { drive_id: d, deletion_event_id: 'a b' }, 400, /^InvalidParameter/);
    await pds.fails('/v2/recyclebin/restore_all', { drive_id: 'nope' }, 404, /NotFound/);
  });

  it('never touches an item trashed after the job was asked for, and delete_all purges the rest', async () => {
    const d = await newDrive('cutoff');
    const [x, y, z] = await Promise.all(['x.log', 'y.log', 'z.log'].map((n) => uploadFile(pds, d, 'root', n, n)));
    await trash(d, x!.file_id);
    await trash(d, y!.file_id);
    // A slow purge holds the drive, so the bulk job waits behind it.
    const big = await seedBigFolder(node, d, 'Big', 10, 50);
    const { async_task_id: purge } = await pds.ok('/v2/file/delete', { drive_id: d, file_id: big, permanently: true }, 202);
    const { async_task_id } = await pds.ok('/v2/recyclebin/delete_all', { drive_id: d, query: 'file_extension = "log"' }, 202);
    await trash(d, z!.file_id);
    await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: Number(purge) } } });
    const task = await waitForTask(pds, async_task_id as string, 60_000);
    expect(task.state).toBe('Succeed');
    expect((await bin(d)).map((i) => i.name).sort()).toEqual(expect.arrayContaining(['z.log']));
    expect((await bin(d)).map((i) => i.name)).not.toContain('x.log');
    expect((await bin(d)).map((i) => i.name)).not.toContain('y.log');
    const [summary] = await report(async_task_id as string);
    expect(summary).toMatchObject({ type: 'DELETE_ALL', state: 'succeeded', failed: 0 });
  }, 90_000);

  it('a cancel mid-job keeps what was done; what is left is in the bin', async () => {
    const d = await newDrive('cancel');
    const small = await Promise.all(['s1', 's2'].map((n) => uploadFile(pds, d, 'root', n, n)));
    for (const s of small) await trash(d, s.file_id);
    const big = await seedBigFolder(node, d, 'Big', 20, 150);
    await trash(d, big);
    const { async_task_id } = await pds.ok('/v2/recyclebin/delete_all', { drive_id: d }, 202);
    // Oldest first: the two small ones, then the big folder one entry a step.
    await eventually(async () => {
      const t = await pds.ok('/v2/async_task/get', { async_task_id });
      return (t.consumed_process as number) > 10 ? t : undefined;
    });
    const cancel = await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: Number(async_task_id) } } });
    expect(cancel.status).toBe(200);
    const task = await waitForTask(pds, async_task_id as string);
    expect(task.state).toBe('Cancelled');
    const left = await bin(d);
    expect(left.map((i) => i.name)).toEqual(['Big']);
    // Part of the big folder went, the rest is back in the bin with it.
    expect(task.consumed_process).toBeGreaterThan(10);
    expect(task.consumed_process).toBeLessThan(task.total_process);
    expect(task.total_process).toBe(2 + 1 + 20 + 20 * 150);
  }, 60_000);

  it('reports the items a retention lock holds as failed items, and purges the others', async () => {
    const d = await newDrive('locked');
    const old = await uploadFile(pds, d, 'root', 'old.txt', 'old');
    const held = await uploadFile(pds, d, 'root', 'held.txt', 'held');
    await pds.ok('/v2/drive/update', { drive_id: d, recyclebin_lock: { mode: 'governance', min_retention_days: 1 } });
    // The lock counts from each item's trash time: the old one was trashed two days ago.
    const { salvage } = node;
    const system = salvage.ctx.clock;
    salvage.ctx.clock = { now: () => system.now() - 2 * 86_400_000 };
    try {
      await trash(d, old.file_id);
    } finally {
      salvage.ctx.clock = system;
    }
    await trash(d, held.file_id);
    {
      const { async_task_id } = await pds.ok('/v2/recyclebin/delete_all', { drive_id: d }, 202);
      const task = await waitForTask(pds, async_task_id as string);
      expect(task.state).toBe('PartialSucceed');
      const [summary, ...items] = await report(async_task_id as string);
      expect(summary).toMatchObject({ type: 'DELETE_ALL', state: 'partially_succeeded', failed: 1 });
      expect(items).toEqual([{ itemId: held.file_id, path: '/held.txt', code: expect.any(String), reason: expect.stringContaining('retention lock') }]);
      expect((await bin(d)).map((i) => i.name)).toEqual(['held.txt']);
    }
  });
});
