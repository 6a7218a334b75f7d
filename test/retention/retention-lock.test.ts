import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { restartableNodes, type TestNode } from '../support/node.js';
import { type JobsClient, signedIn } from '../jobs/support/jobs-client.js';
import { rawNas } from '../nas/support/raw.js';
import { type Json, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';
import { openShiftedCore } from './shifted-core.js';

/**
 * Issue 14 items 5 and 6 over HTTP: a drive's retention lock refuses, in every dialect,
 * what would purge a bin item before its time, and changes nothing when it does; an
 * empty-bin job under a lock purges what it may and lists the rest in its report. Items
 * "trashed 5 days ago" are trashed by the core under a clock 5 days back, between two
 * runs of the server on one store.
 */

const DAY = 86_400_000;

/** A JSON Lines report, read as a browser or curl would: its summary, then its failed items. */
async function report(jobs: JobsClient, jobId: string | number): Promise<{ status: number; summary: Json; items: Json[]; type: string | null }> {
  const res = await fetch(`${jobs.baseUrl}/v1/jobs/${jobId}/report`, { headers: { cookie: jobs.cookieHeader() } });
  const lines = (await res.text()).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Json);
  return { status: res.status, summary: lines[0]!, items: lines.slice(1), type: res.headers.get('content-type') };
}

describe.each(await testDatabases())('retention lock and job reports on %s', (database) => {
  const nodes = restartableNodes(database);
  let node: TestNode;
  let pds: PdsClient;
  let jobs: JobsClient;
  /** Bob, who is no admin, with his own drive. */
  let bob: { pds: PdsClient; jobs: JobsClient; driveId: string };
  let driveId: string;
  /** Two drives under a governance lock, each with one old item and two young ones. */
  const governed: { id: string; old: string; young: string[] }[] = [];
  /** Trashed 5 days ago (free under a 3-day lock), and just now (held). */
  const old: Record<string, string> = {};
  const young: Record<string, string> = {};

  const binIds = async (id = driveId) => ((await pds.ok('/v2/recyclebin/list', { drive_id: id, limit: 100 })).items as Json[]).map((i) => i.file_id as string).sort();
  const lockOf = async (id = driveId) => (await pds.ok('/v2/drive/get', { drive_id: id })).recyclebin_lock;
  const nas = (action: string, params: Record<string, string>) => rawNas(node, { action, params });

  beforeAll(async () => {
    const first = await nodes.first();
    const admin = await signIn(first);
    driveId = (await admin.ok('/v2/drive/create', { drive_name: 'locked' }, 201)).drive_id as string;
    const files: Record<string, string> = {};
    for (const name of ['old-a.txt', 'old-b.txt', 'young-a.txt', 'young-b.txt', 'young-c.txt']) {
      files[name] = (await uploadFile(admin, driveId, 'root', name, name)).file_id as string;
    }
    for (const name of ['governed-nas', 'governed-jobs']) {
      const id = (await admin.ok('/v2/drive/create', { drive_name: name }, 201)).drive_id as string;
      const ids = [];
      for (const file of ['old.txt', 'young-1.txt', 'young-2.txt']) ids.push((await uploadFile(admin, id, 'root', file, file)).file_id as string);
      governed.push({ id, old: ids[0]!, young: ids.slice(1) });
    }
    await first.close();
    // Five days ago, by the core's clock: the old items go to the bin.
    const past = await openShiftedCore(first.dataDir, first.databaseUrl, -5 * DAY);
    try {
      for (const name of ['old-a.txt', 'old-b.txt']) {
        await past.salvage.bin.trash(past.admin, { driveId, fileId: files[name]! });
        old[name] = files[name]!;
      }
      for (const g of governed) await past.salvage.bin.trash(past.admin, { driveId: g.id, fileId: g.old });
    } finally {
      await past.salvage.close();
    }
    node = await nodes.next();
    pds = await signIn(node);
    jobs = await signedIn(node.url);
    for (const name of ['young-a.txt', 'young-b.txt', 'young-c.txt']) {
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: files[name] }, 202);
      young[name] = files[name]!;
    }
    for (const g of governed) {
      for (const fileId of g.young) await pds.ok('/v2/recyclebin/trash', { drive_id: g.id, file_id: fileId }, 202);
      await pds.ok('/v2/drive/update', { drive_id: g.id, recyclebin_lock: { mode: 'governance', min_retention_days: 3 } });
    }
    await pds.ok('/v2/user/create', { user_name: 'bob', password: 'bob-password-1' }, 201);
    const bobPds = await signIn(node, 'bob', 'bob-password-1');
    bob = {
      pds: bobPds,
      jobs: await signedIn(node.url, 'bob', 'bob-password-1'),
      driveId: (await bobPds.ok('/v2/drive/create', { drive_name: 'bobs' }, 201)).drive_id as string,
    };
  });

  it('lets only an admin set a lock, within the bin ReservedDays, and shows it', async () => {
    expect(await lockOf()).toBeNull();
    await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: true, reservedDays: 7 } });
    // Bob owns his drive, but locks are an admin's.
    await bob.pds.fails('/v2/drive/update', { drive_id: bob.driveId, recyclebin_lock: { mode: 'governance', min_retention_days: 1 } }, 403, 'ForbiddenNoPermission');
    expect(await lockOf(bob.driveId)).toBeNull();
    await pds.fails('/v2/drive/update', { drive_id: driveId, recyclebin_lock: { mode: 'governance', min_retention_days: 8 } }, 400, /^InvalidParameter/);
    await pds.fails('/v2/drive/update', { drive_id: driveId, recyclebin_lock: { mode: 'forever', min_retention_days: 3 } }, 400, 'InvalidParameter');
    await pds.fails('/v2/drive/update', { drive_id: driveId, recyclebin_lock: { mode: 'governance' } }, 400, 'InvalidParameterMissing');
    expect(await lockOf()).toBeNull();
    const updated = await pds.ok('/v2/drive/update', { drive_id: driveId, recyclebin_lock: { mode: 'governance', min_retention_days: 3 } });
    expect(updated.recyclebin_lock).toEqual({ mode: 'governance', min_retention_days: 3 });
    expect(await lockOf()).toEqual({ mode: 'governance', min_retention_days: 3 });
    const listed = (await pds.ok('/v2/drive/list', { limit: 100 })).items as Json[];
    expect(listed.find((d) => d.drive_id === driveId)?.recyclebin_lock).toEqual({ mode: 'governance', min_retention_days: 3 });
    expect((await jobs.call('GET', `/v1/drives/${driveId}/recyclebin`)).body.recyclebinLock).toEqual({ mode: 'governance', minRetentionDays: 3 });
  });

  it('refuses, in each dialect and changing nothing, to purge a held item or to shorten retention below the lock', async () => {
    const before = await binIds();
    const held = young['young-a.txt']!;
    const refused = await pds.fails('/v2/file/delete', { drive_id: driveId, file_id: held }, 403, 'Forbidden.RetentionLocked');
    expect(refused.message).toContain(held);
    const viaNas = await nas('CreateRecycleBinDeleteJob', { FileSystemId: driveId, FileId: held });
    expect([viaNas.status, viaNas.json.Code]).toEqual([403, 'OperationDenied.RetentionLocked']);
    // ReservedDays may not go below the lock's 3 days.
    const shorter = await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: true, reservedDays: 2 } });
    expect([shorter.status, shorter.body.code]).toEqual([403, 'RetentionLocked']);
    const shorterNas = await nas('UpdateRecycleBinAttribute', { FileSystemId: driveId, ReservedDays: '2' });
    expect([shorterNas.status, shorterNas.json.Code]).toEqual([403, 'OperationDenied.RetentionLocked']);
    expect((await jobs.call('GET', `/v1/drives/${driveId}/recyclebin`)).body.reservedDays).toBe(7);
    // Nothing changed: the same bin, and no job was made.
    expect(await binIds()).toEqual(before);
    const listed = await jobs.call('GET', `/v1/jobs?driveId=${driveId}`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain('"DELETE"');
    // An item past the lock goes as before.
    const gone = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: old['old-a.txt'] }, 202);
    expect((await waitForTask(pds, gone.async_task_id)).state).toBe('Succeed');
    expect(await binIds()).toEqual(before.filter((id) => id !== old['old-a.txt']));
  });

  it('lets only an admin bypass a governance lock, and says so in the job report', async () => {
    const item = await uploadFile(bob.pds, bob.driveId, 'root', 'bobs.txt', 'b');
    await bob.pds.ok('/v2/recyclebin/trash', { drive_id: bob.driveId, file_id: item.file_id }, 202);
    await pds.ok('/v2/drive/update', { drive_id: bob.driveId, recyclebin_lock: { mode: 'governance', min_retention_days: 1 } });
    await bob.pds.fails('/v2/file/delete', { drive_id: bob.driveId, file_id: item.file_id, bypass_governance_retention: true }, 403, 'ForbiddenNoPermission');
    await bob.pds.fails('/v2/file/delete', { drive_id: bob.driveId, file_id: item.file_id }, 403, 'Forbidden.RetentionLocked');
    expect(await binIds(bob.driveId)).toEqual([item.file_id]);
    const bypassed = await pds.ok('/v2/file/delete', { drive_id: bob.driveId, file_id: item.file_id, bypass_governance_retention: true }, 202);
    expect((await waitForTask(pds, bypassed.async_task_id)).state).toBe('Succeed');
    expect(await binIds(bob.driveId)).toEqual([]);
    const r = await report(jobs, bypassed.async_task_id as string);
    expect(r.summary).toEqual({ jobId: Number(bypassed.async_task_id), type: 'DELETE', state: 'succeeded', succeeded: 1, failed: 0, bypassedRetentionLock: true });
    expect(r.items).toEqual([]);
  });

  it('keeps a compliance lock: never shortened, removed or made governance, no bypass, no disabling or drive deletion while it holds items', async () => {
    await pds.ok('/v2/drive/update', { drive_id: driveId, recyclebin_lock: { mode: 'compliance', min_retention_days: 3 } });
    for (const lock of [{ mode: 'compliance', min_retention_days: 2 }, { mode: 'governance', min_retention_days: 3 }, { mode: 'none' }]) {
      await pds.fails('/v2/drive/update', { drive_id: driveId, recyclebin_lock: lock }, 403, 'Forbidden.RetentionLocked');
      expect(await lockOf()).toEqual({ mode: 'compliance', min_retention_days: 3 });
    }
    // A refused lock change takes the rest of the update with it.
    await pds.fails('/v2/drive/update', { drive_id: driveId, drive_name: 'renamed', recyclebin_lock: { mode: 'none' } }, 403, 'Forbidden.RetentionLocked');
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).drive_name).toBe('locked');
    expect((await pds.ok('/v2/drive/update', { drive_id: driveId, recyclebin_lock: { mode: 'compliance', min_retention_days: 4 } })).recyclebin_lock).toEqual({
      mode: 'compliance',
      min_retention_days: 4,
    });
    const before = await binIds();
    await pds.fails('/v2/file/delete', { drive_id: driveId, file_id: young['young-b.txt'], bypass_governance_retention: true }, 403, 'Forbidden.RetentionLocked');
    const disable = await nas('DisableAndCleanRecycleBin', { FileSystemId: driveId, BypassGovernanceRetention: 'true' });
    expect([disable.status, disable.json.Code]).toEqual([403, 'OperationDenied.RetentionLocked']);
    const off = await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: false } });
    expect([off.status, off.body.code]).toEqual([403, 'RetentionLocked']);
    await pds.fails('/v2/drive/delete', { drive_id: driveId }, 403, 'Forbidden.RetentionLocked');
    expect((await jobs.call('GET', `/v1/drives/${driveId}/recyclebin`)).body).toMatchObject({ enabled: true, reservedDays: 7 });
    expect(await binIds()).toEqual(before);
  });

  it('empties the bin under the lock partially: the report lists exactly the held items, which stay', async () => {
    const cleared = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    const task = await waitForTask(pds, cleared.async_task_id as string);
    expect(task.state).toBe('PartialSucceed');
    const held = Object.values(young).sort();
    expect(await binIds()).toEqual(held);
    const r = await report(jobs, cleared.async_task_id as string);
    expect(r.type).toMatch(/^application\/x-ndjson/);
    expect(r.summary).toEqual({ jobId: Number(cleared.async_task_id), type: 'CLEAR', state: 'partially_succeeded', succeeded: 1, failed: 3 });
    expect(r.items.map((i) => i.itemId).sort()).toEqual(held);
    for (const i of r.items) {
      expect(i).toMatchObject({ code: 'RetentionLocked' });
      expect(i.path).toMatch(/^\/young-[abc]\.txt$/);
      expect(i.reason).toContain(i.itemId);
    }
    // The Jobs dialect's status says so too (COMPLETE, as the vendor names any finished job).
    const status = (await jobs.call('GET', `/v1/jobs/${cleared.async_task_id}`)).body.status;
    expect(status).toMatchObject({ jobState: 'COMPLETE', jobParams: { state: 'partially_succeeded' } });
  });

  it('reports a plain successful job with no failed item, and hides a job from a stranger', async () => {
    const file = await uploadFile(pds, driveId, 'root', 'restore-me.txt', 'r');
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: file.file_id }, 202);
    const restored = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: file.file_id }, 202);
    expect((await waitForTask(pds, restored.async_task_id)).state).toBe('Succeed');
    const r = await report(jobs, restored.async_task_id as string);
    expect(r.summary).toEqual({ jobId: Number(restored.async_task_id), type: 'RESTORE', state: 'succeeded', succeeded: 1, failed: 0 });
    expect(r.items).toEqual([]);
    // Bob may not see the drive: its jobs and their reports are missing to him.
    const stranger = await report(bob.jobs, restored.async_task_id as string);
    expect([stranger.status, stranger.summary.code]).toEqual([404, 'JobNotFound']);
    expect((await report(jobs, 'nope')).status).toBe(404);
    expect((await report(jobs, '999999')).status).toBe(404);
  });

  it('turns a governed bin off through NAS, keeping and reporting what the lock holds; an admin bypass through the Jobs API purges all', async () => {
    const [viaNas, viaJobs] = governed as [(typeof governed)[0], (typeof governed)[0]];
    const off = await nas('DisableAndCleanRecycleBin', { FileSystemId: viaNas.id });
    expect(off.status).toBe(200);
    const listed = await jobs.call('GET', `/v1/jobs?drive=${viaNas.id}&type=CLEAR`);
    const clearId = (listed.body.jobs as Json[])[0]!.jobId.id as number;
    expect((await waitForTask(pds, String(clearId))).state).toBe('PartialSucceed');
    const r = await report(jobs, clearId);
    expect(r.summary).toEqual({ jobId: clearId, type: 'CLEAR', state: 'partially_succeeded', succeeded: 1, failed: 2 });
    expect(r.items.map((i) => i.itemId).sort()).toEqual([...viaNas.young].sort());
    // The bin is off; the held items are still in it.
    expect((await jobs.call('GET', `/v1/drives/${viaNas.id}/recyclebin`)).body.enabled).toBe(false);
    expect(await binIds(viaNas.id)).toEqual([...viaNas.young].sort());

    // Bob may not bypass (he is no admin and does not even see the drive); the admin may.
    const refused = await bob.jobs.call('PUT', `/v1/drives/${viaJobs.id}/recyclebin`, { body: { enabled: false, bypassGovernanceRetention: true } });
    expect(refused.status).toBe(404);
    const bypassed = await jobs.call('PUT', `/v1/drives/${viaJobs.id}/recyclebin`, { body: { enabled: false, bypassGovernanceRetention: true } });
    expect(bypassed.status).toBe(200);
    const jobId = bypassed.body.job.jobId.id as number;
    expect((await waitForTask(pds, String(jobId))).state).toBe('Succeed');
    expect(await binIds(viaJobs.id)).toEqual([]);
    expect((await report(jobs, jobId)).summary).toEqual({ jobId, type: 'CLEAR', state: 'succeeded', succeeded: 3, failed: 0, bypassedRetentionLock: true });
  });
});
