import * as $Nas from '@alicloud/nas20170626';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { nasClient, type NasClient, noRetries } from '../nas/support/clients.js';
import { type Json, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';
import { type JobsClient, signedIn } from './support/jobs-client.js';

const databases = await testDatabases();

/** GET /v1/audit with these filters: the whole answer, status checked. */
async function audit(client: JobsClient, query: Record<string, string | number> = {}): Promise<Json> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const answer = await client.call('GET', `/v1/audit${qs ? `?${qs}` : ''}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Json;
}

/** Every record of an action on one item (pageSize 100 is plenty for one test's drive). */
async function recordsOf(client: JobsClient, query: Record<string, string>, itemId?: string): Promise<Json[]> {
  const records = (await audit(client, { ...query, pageSize: 100 })).records as Json[];
  return itemId === undefined ? records : records.filter((r) => r.itemId === itemId);
}

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(databases)('audit trail on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let jobs: JobsClient;
  let nas: NasClient;
  let adminId: string;
  let driveId: string;
  let bobId: string;
  let bob: JobsClient;
  let bobPds: PdsClient;
  let bobDrive: string;

  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    jobs = await signedIn(node.url);
    nas = nasClient(node);
    adminId = node.adminActor.userId;
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'Audited', owner: adminId }, 201)).drive_id as string;
    const bobUser = await pds.ok('/v2/user/create', { user_name: 'bob', password: 'bob-password-1' }, 201);
    bobId = bobUser.user_id as string;
    bobDrive = bobUser.default_drive_id as string;
    bob = await signedIn(node.url, 'bob', 'bob-password-1');
    bobPds = await signIn(node, 'bob', 'bob-password-1');
  });
  afterAll(async () => node?.destroy());

  it('PDS trash, restore, delete and clear: one record each, with the right fields; a job also records its end', async () => {
    const file = await uploadFile(pds, driveId, 'root', 'report.txt', 'twelve bytes');
    const id = file.file_id as string;
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: id }, 202);
    const [trash, ...more] = await recordsOf(jobs, { drive: driveId, action: 'trash' }, id);
    expect(more).toEqual([]);
    expect(trash).toEqual({
      id: expect.any(Number),
      time: expect.stringMatching(ISO_MS),
      actor: adminId,
      actorName: 'admin',
      dialect: 'PDS',
      action: 'trash',
      driveId,
      itemId: id,
      name: 'report.txt',
      path: '/report.txt',
      bytes: 12,
      jobId: null,
      outcome: 'succeeded',
      detail: '',
    });

    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: id }, 202);
    await waitForTask(pds, restore.async_task_id as string);
    expect(await recordsOf(jobs, { drive: driveId, action: 'restore' }, id)).toEqual([
      expect.objectContaining({ dialect: 'PDS', name: 'report.txt', path: '/report.txt', bytes: 12, jobId: Number(restore.async_task_id), outcome: 'succeeded' }),
    ]);

    const deleted = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: id }, 202);
    await waitForTask(pds, deleted.async_task_id as string);
    const jobId = Number(deleted.async_task_id);
    const deletes = await eventually(async () => {
      const found = await recordsOf(jobs, { drive: driveId, action: 'delete' }, id);
      return found.length === 2 ? found : undefined;
    });
    // Newest first: the job's end, then the request that queued it.
    expect(deletes.map((r) => [r.outcome, r.jobId, r.dialect, r.actor, r.path, r.bytes])).toEqual([
      ['succeeded', jobId, 'PDS', adminId, '/report.txt', 12],
      ['accepted', jobId, 'PDS', adminId, '/report.txt', 12],
    ]);

    const gone = await uploadFile(pds, driveId, 'root', 'gone.txt', 'abc');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: gone.file_id }, 202);
    const cleared = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    await waitForTask(pds, cleared.async_task_id as string);
    const clears = await eventually(async () => {
      const found = await recordsOf(jobs, { drive: driveId, action: 'clear' });
      return found.length === 2 ? found : undefined;
    });
    expect(clears.map((r) => [r.outcome, r.jobId, r.bytes])).toEqual([
      ['succeeded', Number(cleared.async_task_id), 3],
      ['accepted', Number(cleared.async_task_id), 3],
    ]);
  });

  it('records refusals, and a refused change records nothing as done', async () => {
    const file = await uploadFile(pds, driveId, 'root', 'private.txt', 'x');
    const id = file.file_id as string;
    // Bob cannot see the admin's drive: refused as DriveNotFound, and recorded as refused.
    await bobPds.fails('/v2/recyclebin/trash', { drive_id: driveId, file_id: id }, 404, 'NotFound.Drive');
    await pds.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: 'root' });
    const records = await recordsOf(jobs, { drive: driveId, action: 'trash' });
    const refused = records.filter((r) => r.outcome === 'refused');
    expect(refused.map((r) => [r.actor, r.actorName, r.itemId, r.detail, r.dialect])).toEqual([
      [adminId, 'admin', 'root', 'InvalidMove', 'PDS'],
      [bobId, 'bob', id, 'DriveNotFound', 'PDS'],
    ]);
    expect(records.filter((r) => r.itemId === id && r.outcome !== 'refused')).toEqual([]);
    // Bob sees neither: the records are of a drive he does not own.
    expect((await audit(bob, { drive: driveId })).totalCount).toBe(0);
  });

  it('a change whose transaction rolls back leaves no record of it', async () => {
    const file = await uploadFile(pds, driveId, 'root', 'rolled-back.txt', 'x');
    const id = file.file_id as string;
    const store = node.salvage.ctx.store;
    const writeDrive = store.writeDrive.bind(store);
    // The trash runs, records, and then the commit fails: nothing of it may stay.
    store.writeDrive = (async (d: string, fn: Parameters<typeof writeDrive>[1]) =>
      writeDrive(d, async (w) => {
        await fn(w);
        throw new Error('the commit failed');
      })) as typeof store.writeDrive;
    try {
      const answer = await pds.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: id });
      expect(answer.status).toBe(500);
    } finally {
      store.writeDrive = writeDrive;
    }
    expect(await recordsOf(jobs, { drive: driveId }, id)).toEqual([]);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: id })).name).toBe('rolled-back.txt');
  });

  it('NAS: bin settings, restore, delete, disable-and-clean, each by the NAS dialect', async () => {
    const rt = noRetries;
    const fs = (await nas.createFileSystemWithOptions(new $Nas.CreateFileSystemRequest({ protocolType: 'NFS', storageType: 'Performance' }), rt()))
      .body!.fileSystemId!;
    await nas.enableRecycleBinWithOptions(new $Nas.EnableRecycleBinRequest({ fileSystemId: fs, reservedDays: 5 }), rt());
    await nas.updateRecycleBinAttributeWithOptions(new $Nas.UpdateRecycleBinAttributeRequest({ fileSystemId: fs, reservedDays: 9 }), rt());
    const a = (await uploadFile(pds, fs, 'root', 'a.txt', 'aaaa')).file_id as string;
    const b = (await uploadFile(pds, fs, 'root', 'b.txt', 'bb')).file_id as string;
    await pds.ok('/v2/recyclebin/trash', { drive_id: fs, file_id: a }, 202);
    await pds.ok('/v2/recyclebin/trash', { drive_id: fs, file_id: b }, 202);
    await nas.createRecycleBinRestoreJobWithOptions(new $Nas.CreateRecycleBinRestoreJobRequest({ fileSystemId: fs, fileId: a, targetFileId: 'root' }), rt());
    const del = await nas.createRecycleBinDeleteJobWithOptions(new $Nas.CreateRecycleBinDeleteJobRequest({ fileSystemId: fs, fileId: b }), rt());
    await eventually(async () => ((await recordsOf(jobs, { drive: fs, action: 'delete' })).length === 2 ? true : undefined));
    // A restore of what is no longer in the bin is refused, and recorded so.
    await expect(
      nas.createRecycleBinRestoreJobWithOptions(new $Nas.CreateRecycleBinRestoreJobRequest({ fileSystemId: fs, fileId: b, targetFileId: 'root' }), rt()),
    ).rejects.toMatchObject({ statusCode: 404 });
    await nas.disableAndCleanRecycleBinWithOptions(new $Nas.DisableAndCleanRecycleBinRequest({ fileSystemId: fs }), rt());

    const all = await eventually(async () => {
      const found = await recordsOf(jobs, { drive: fs });
      return found.some((r) => r.action === 'clear' && r.outcome === 'succeeded') ? found : undefined;
    });
    // Sorted: a job's end and a later request may land in either order.
    const nasOnly = all.filter((r) => r.dialect === 'NAS').map((r) => [r.action, r.outcome, r.itemId, r.detail]);
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(nasOnly)).toEqual(sorted([
      ['settings', 'succeeded', null, 'bin enabled, reservedDays 5'],
      ['settings', 'succeeded', null, 'reservedDays 5 -> 9'],
      ['restore', 'succeeded', a, 'to a.txt'],
      ['delete', 'accepted', b, ''],
      ['restore', 'refused', b, 'EntryNotFound'],
      ['delete', 'succeeded', b, 'processed 1 of 1, failed 0'],
      ['clear', 'accepted', null, ''],
      ['settings', 'succeeded', null, 'bin disabled and emptied'],
      ['clear', 'succeeded', null, 'processed 0 of 0, failed 0'],
    ]));
    expect(all.find((r) => r.action === 'delete' && r.outcome === 'accepted')).toMatchObject({ jobId: Number(del.body!.jobId), path: '/b.txt', bytes: 2 });
  });

  it('the Jobs dialect, the CLI and the UI are told apart; users and access keys are recorded', async () => {
    await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: true, reservedDays: 20 } });
    await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: true, reservedDays: 21 }, headers: { 'x-salvage-client': 'ui' } });
    const f = (await uploadFile(pds, driveId, 'root', 'by-cli.txt', 'c')).file_id as string;
    await pds.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: f }, { headers: { 'x-salvage-client': 'cli' } });
    const settings = await recordsOf(jobs, { drive: driveId, action: 'settings' });
    expect(settings.slice(0, 2).map((r) => [r.dialect, r.detail])).toEqual([
      ['UI', 'reservedDays 20 -> 21'],
      ['Jobs', expect.stringMatching(/-> 20$/)],
    ]);
    expect((await recordsOf(jobs, { action: 'trash' }, f)).map((r) => r.dialect)).toEqual(['CLI']);
    // Any other value is not a client Salvage knows: the request is the dialect's own.
    const g = (await uploadFile(pds, driveId, 'root', 'by-other.txt', 'c')).file_id as string;
    await pds.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: g }, { headers: { 'x-salvage-client': 'retention' } });
    expect((await recordsOf(jobs, { action: 'trash' }, g)).map((r) => r.dialect)).toEqual(['PDS']);

    const carol = await pds.ok('/v2/user/create', { user_name: 'carol', password: 'carol-password-1' }, 201);
    await pds.ok('/v2/user/update', { user_id: carol.user_id, status: 'disabled' });
    const key = await pds.ok('/v2/user/access_key/create', { user_id: carol.user_id }, 201);
    await pds.ok('/v2/user/access_key/update', { access_key_id: key.access_key_id, status: 'disabled' });
    await pds.call('/v2/user/access_key/delete', { access_key_id: key.access_key_id });
    await bobPds.fails('/v2/user/update', { user_id: carol.user_id, status: 'enabled' }, 403, /.+/);
    const users = (await recordsOf(jobs, { action: 'user' }, carol.user_id as string)).map((r) => [r.actor, r.outcome, r.detail]);
    expect(users).toEqual([
      [bobId, 'refused', 'Forbidden'],
      [adminId, 'succeeded', 'updated status disabled'],
      [adminId, 'succeeded', 'added, role user, status enabled'],
    ]);
    const keys = (await recordsOf(jobs, { action: 'access_key' }, key.access_key_id as string)).map((r) => r.detail);
    expect(keys).toEqual([`deleted, user ${carol.user_id}`, `disabled, user ${carol.user_id}`, `created, user ${carol.user_id}`]);
    // The password itself is never recorded.
    expect(JSON.stringify(await audit(jobs, { pageSize: 100 }))).not.toContain('carol-password-1');
  });

  it('expiry is recorded as retention, with no acting user', async () => {
    const f = (await uploadFile(pds, driveId, 'root', 'old.txt', 'old')).file_id as string;
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f }, 202);
    // Trashed long ago, as far as retention can tell.
    await node.salvage.ctx.store.db.updateTable('entries').set({ trashed_at: Date.now() - 400 * 86_400_000 }).where('id', '=', f).execute();
    await node.salvage.bin.queueExpiryJobs();
    const records = await eventually(async () => {
      const found = await recordsOf(jobs, { drive: driveId, action: 'expire' });
      return found.length === 2 ? found : undefined;
    });
    // The item, in the step that purged it; then the job's end.
    const [end, item] = records;
    const retention = { actor: null, actorName: null, dialect: 'retention', outcome: 'succeeded', jobId: expect.any(Number) };
    expect(item).toMatchObject({ ...retention, itemId: f, name: 'old.txt', path: '/old.txt', bytes: 3 });
    expect(end).toMatchObject({ ...retention, itemId: null, jobId: item!.jobId, detail: 'processed 1 of 1, failed 0' });
  });

  it('filters, pages newest first, and shows owners only their drives', async () => {
    const f = (await uploadFile(bobPds, bobDrive, 'root', 'bobs.txt', 'b')).file_id as string;
    await bobPds.ok('/v2/recyclebin/trash', { drive_id: bobDrive, file_id: f }, 202);
    const mine = await audit(bob);
    expect(mine.records.every((r: Json) => r.driveId === bobDrive)).toBe(true);
    expect(mine.records.map((r: Json) => [r.action, r.itemId, r.actorName])).toContainEqual(['trash', f, 'bob']);
    // A user's own record of another drive (a refusal on the admin's drive) is not theirs to read.
    expect((await audit(bob, { actor: bobId })).records.every((r: Json) => r.driveId === bobDrive)).toBe(true);

    const all = await audit(jobs, { pageSize: 100 });
    const times = (all.records as Json[]).map((r) => Date.parse(r.time as string));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const page2 = await audit(jobs, { page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ page: 2, pageSize: 3, totalCount: all.totalCount });
    expect(page2.records.map((r: Json) => r.id)).toEqual(all.records.slice(3, 6).map((r: Json) => r.id));

    const byActor = await audit(jobs, { actor: bobId, pageSize: 100 });
    expect(byActor.records.length).toBeGreaterThan(0);
    expect(byActor.records.every((r: Json) => r.actor === bobId)).toBe(true);
    const trashes = await audit(jobs, { action: 'trash', pageSize: 100 });
    expect(trashes.records.every((r: Json) => r.action === 'trash')).toBe(true);
    const last = all.records[0] as Json;
    const window = await audit(jobs, { from: last.time, to: last.time, pageSize: 100 });
    expect(window.records.map((r: Json) => r.id)).toContain(last.id);
    expect(window.records.every((r: Json) => r.time === last.time)).toBe(true);
    expect((await audit(jobs, { to: '2000-01-01T00:00:00Z' })).totalCount).toBe(0);

    const bads: Record<string, string>[] = [{ action: 'rename' }, { from: 'yesterday' }, { page: '0' }, { pageSize: '101' }, { drive: 'a b' }, { actor: '../x' }];
    for (const bad of bads) {
      const answer = await jobs.call('GET', `/v1/audit?${new URLSearchParams(bad)}`);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.code).toBe('InvalidRequest');
    }
  });

  it('exports CSV and JSON Lines with the same filters', async () => {
    // A name a spreadsheet would run as a formula, and one that needs quoting.
    for (const name of ['=HYPERLINK("x").txt', 'a, "b".txt']) {
      const f = (await uploadFile(pds, driveId, 'root', name, 'x')).file_id as string;
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f }, 202);
    }
    const listed = await audit(jobs, { drive: driveId, pageSize: 100 });
    const jsonl = await jobs.call('GET', `/v1/audit/export?format=jsonl&drive=${driveId}`);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = String(jsonl.body).trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(lines).toEqual(listed.records);

    const csv = await jobs.call('GET', `/v1/audit/export?format=csv&drive=${driveId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="salvage-audit.csv"');
    const rows = String(csv.body).trimEnd().split('\r\n');
    expect(rows[0]).toBe('id,time,actor,actorName,dialect,action,driveId,itemId,name,path,bytes,jobId,outcome,detail');
    expect(rows.length).toBe(listed.totalCount + 1);
    expect(rows[1]!.startsWith(`${listed.records[0].id},${listed.records[0].time},`)).toBe(true);
    expect(rows[1]).toContain(',"a, ""b"".txt","/a, ""b"".txt",1,,succeeded,');
    expect(rows[2]).toContain(`,"'=HYPERLINK(""x"").txt","/=HYPERLINK(""x"").txt",1,,succeeded,`);
    expect((await jobs.call('GET', '/v1/audit/export?format=xml')).status).toBe(400);
    // Bob's export holds his drive's records only.
    const his = String((await bob.call('GET', '/v1/audit/export?format=jsonl')).body).trim().split('\n');
    expect(his.every((l) => (JSON.parse(l) as Json).driveId === bobDrive)).toBe(true);
  });

  it('no API changes or deletes a record', async () => {
    const before = await audit(jobs, { pageSize: 100 });
    const first = before.records[0] as Json;
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      for (const path of ['/v1/audit', `/v1/audit/${first.id}`, '/v1/audit/export']) {
        const answer = await jobs.call(method, path, { body: { outcome: 'succeeded' } });
        expect([404, 405], `${method} ${path}`).toContain(answer.status);
      }
    }
    expect(await audit(jobs, { pageSize: 100 })).toEqual(before);
  });
});

describe.each(databases)('audit trail of cancels and pruning on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let jobs: JobsClient;
  beforeAll(async () => {
    // No job engine: queued jobs stay queued until cancelled.
    node = await startTestNode({ database, jobConcurrency: 0 });
    pds = await signIn(node);
    jobs = await signedIn(node.url);
  });
  afterAll(async () => node?.destroy());

  it('a cancel is recorded, and so is the end of the job it cancelled', async () => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'C', owner: node.adminActor.userId }, 201)).drive_id as string;
    const f = (await uploadFile(pds, driveId, 'root', 'c.txt', 'c')).file_id as string;
    const queued = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: f }, 202);
    const jobId = Number(queued.async_task_id);
    expect((await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: jobId } } })).status).toBe(200);
    expect((await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: jobId } } })).status).toBe(400);
    const records = (await audit(jobs, { drive: driveId, pageSize: 100 })).records as Json[];
    expect(records.map((r) => [r.action, r.outcome, r.jobId, r.dialect])).toEqual([
      ['delete', 'cancelled', jobId, 'PDS'],
      ['cancel', 'accepted', jobId, 'Jobs'],
      ['delete', 'accepted', jobId, 'PDS'],
    ]);
    // The second cancel, refused, names no drive (the job is finished): it is found by action.
    const cancels = (await audit(jobs, { action: 'cancel' })).records as Json[];
    expect(cancels[0]).toMatchObject({ outcome: 'refused', jobId, detail: 'JobNotCancellable', dialect: 'Jobs' });
  });

  it('a cancel over NAS is recorded as NAS', async () => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'N', owner: node.adminActor.userId }, 201)).drive_id as string;
    const f = (await uploadFile(pds, driveId, 'root', 'n.txt', 'n')).file_id as string;
    const jobId = Number((await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: f }, 202)).async_task_id);
    await nasClient(node).cancelRecycleBinJobWithOptions(new $Nas.CancelRecycleBinJobRequest({ jobId: String(jobId) }), noRetries());
    const records = await recordsOf(jobs, { drive: driveId, action: 'cancel' });
    expect(records).toEqual([
      expect.objectContaining({ actor: node.adminActor.userId, dialect: 'NAS', outcome: 'accepted', jobId, itemId: f, name: 'n.txt', detail: 'delete job, was queued' }),
    ]);
  });

  it('a restore that waits its turn is accepted, and its end recorded when it is cancelled', async () => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'Q', owner: node.adminActor.userId }, 201)).drive_id as string;
    const a = (await uploadFile(pds, driveId, 'root', 'a.txt', 'aaa')).file_id as string;
    const b = (await uploadFile(pds, driveId, 'root', 'b.txt', 'b')).file_id as string;
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: a }, 202);
    // A queued delete holds the drive, so the restore queues behind it.
    await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: b }, 202);
    const restore = await pds.call('/v2/recyclebin/restore', { drive_id: driveId, file_id: a }, { headers: { 'x-salvage-client': 'cli' } });
    expect(restore.status).toBe(202);
    const jobId = Number(restore.body.async_task_id);
    await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: jobId } } });
    const records = await recordsOf(jobs, { drive: driveId, action: 'restore' });
    expect(records.map((r) => [r.outcome, r.jobId, r.dialect, r.itemId, r.path, r.bytes])).toEqual([
      ['cancelled', jobId, 'CLI', a, '/a.txt', 3],
      ['accepted', jobId, 'CLI', a, '/a.txt', 3],
    ]);
  });

  it('an export of more records than one batch reads them all, in order, once each', async () => {
    const { db } = node.salvage.ctx.store;
    const at = Date.now();
    // 1,234 records, many sharing one millisecond: the keyset must order ties by id.
    const rows = Array.from({ length: 1_234 }, (_, i) => ({
      at: at - Math.floor(i / 10), dialect: 'pds', action: 'trash', outcome: 'succeeded', actor_id: node.adminActor.userId,
      drive_id: 'd_bulk', item_id: `f${i}`,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit').values(rows.slice(i, i + 500)).execute();
    const answer = await jobs.call('GET', '/v1/audit/export?format=jsonl&drive=d_bulk');
    const lines = String(answer.body).trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(lines.length).toBe(1_234);
    expect(new Set(lines.map((l) => l.id)).size).toBe(1_234);
    const keys = lines.map((l) => [Date.parse(l.time as string), l.id as number] as const);
    for (let i = 1; i < keys.length; i++) {
      const [[t0, id0], [t1, id1]] = [keys[i - 1]!, keys[i]!];
      expect(t1 < t0 || (t1 === t0 && id1 < id0)).toBe(true);
    }
    const page = await audit(jobs, { drive: 'd_bulk', page: 13, pageSize: 100 });
    expect(page.records.map((r: Json) => r.id)).toEqual(lines.slice(1_200).map((l) => l.id));
  });

  it("pruning deletes a batch at a time until no old record is left, and keeps the rest", async () => {
    const { ctx } = node.salvage;
    const old = Date.now() - 401 * 86_400_000;
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ at: old + i, dialect: 'pds', action: 'trash', outcome: 'succeeded', actor_id: 'u_x' }));
    for (let i = 0; i < rows.length; i += 500) await ctx.store.db.insertInto('audit').values(rows.slice(i, i + 500)).execute();
    const count = async () => Number((await ctx.store.db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const kept = await count() - rows.length;
    const { pruneAudit } = await import('../../src/core/audit/prune-audit.js');
    expect(await pruneAudit(ctx)).toBe(2_500);
    expect(await count()).toBe(kept);
  });
});

describe.each(databases)('audit retention on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    // Housekeeping every 100 ms; records are kept for one day.
    node = await startTestNode({ database, retentionCheckIntervalMs: 100, auditRetentionDays: 1 });
  });
  afterAll(async () => node?.destroy());

  it("the node's housekeeping prunes records older than SALVAGE_AUDIT_RETENTION_DAYS, and only those", async () => {
    const { db } = node.salvage.ctx.store;
    const day = 86_400_000;
    const row = (at: number) => ({ at, dialect: 'pds', action: 'trash', outcome: 'succeeded', actor_id: 'u_x' });
    // More than two batches of old records, and a few just inside the retention.
    const old = Array.from({ length: 2_100 }, (_, i) => row(Date.now() - 2 * day - i));
    for (let i = 0; i < old.length; i += 500) await db.insertInto('audit').values(old.slice(i, i + 500)).execute();
    await db.insertInto('audit').values([row(Date.now() - day + 60_000), row(Date.now())]).execute();
    const count = async () => Number((await db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await eventually(async () => ((await count()) === 2 ? true : undefined));
    const jobs = await signedIn(node.url);
    expect((await audit(jobs)).totalCount).toBe(2);
  });
});
