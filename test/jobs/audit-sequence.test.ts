import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { rawNas } from '../nas/support/raw.js';
import { type Json, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';
import { type JobsClient, signedIn } from './support/jobs-client.js';

const databases = await testDatabases();

/** What a record must say: its action, outcome, dialect and, for a refusal, the error code. */
type Expected = { action: string; outcome: string; dialect: string; detail?: string | RegExp; itemId?: string; byBob?: true };

/**
 * Issue 14 item 8: a run of accepted and refused actions, in three dialects and by two
 * users, each leaving its record in the audit trail in order (refused ones with the code
 * that refused them: a retention lock, a role, a missing drive), and no API of any
 * dialect that changes or deletes a record.
 */
describe.each(databases)('the audit trail of a run of accepted and refused actions on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let jobs: JobsClient;
  let bob: { pds: PdsClient; driveId: string; id: string };
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    jobs = await signedIn(node.url);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'run' }, 201)).drive_id as string;
    const user = await pds.ok('/v2/user/create', { user_name: 'bob', password: 'bob-password-1' }, 201);
    bob = { pds: await signIn(node, 'bob', 'bob-password-1'), driveId: user.default_drive_id as string, id: user.user_id as string };
  });
  afterAll(async () => node?.destroy());

  const trail = async (query: string) => {
    const answer = await jobs.call('GET', `/v1/audit?pageSize=100${query}`);
    expect(answer.status).toBe(200);
    return answer.body as Json;
  };
  const nas = (action: string, params: Record<string, string>) => rawNas(node, { action, params });

  it('records every accepted and every refused action, in order, with its outcome', async () => {
    const a = (await uploadFile(pds, driveId, 'root', 'a.txt', 'aaa')).file_id as string;
    const b = (await uploadFile(pds, driveId, 'root', 'b.txt', 'bbbb')).file_id as string;
    const lock = (mode: string, days: number) => ({ drive_id: driveId, recyclebin_lock: { mode, min_retention_days: days } });
    const expected: Expected[] = [];
    const step = (e: Expected) => expected.push(e);

    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: a }, 202);
    step({ action: 'trash', outcome: 'succeeded', dialect: 'PDS', itemId: a });
    await pds.ok('/v2/drive/update', lock('governance', 1));
    step({ action: 'settings', outcome: 'succeeded', dialect: 'PDS', detail: 'retention lock governance, 1 day' });
    // The lock holds a.txt: a permanent delete is refused in PDS and in NAS.
    await pds.fails('/v2/file/delete', { drive_id: driveId, file_id: a }, 403, 'Forbidden.RetentionLocked');
    step({ action: 'delete', outcome: 'refused', dialect: 'PDS', detail: 'RetentionLocked', itemId: a });
    const viaNas = await nas('CreateRecycleBinDeleteJob', { FileSystemId: driveId, FileId: a });
    expect([viaNas.status, viaNas.json.Code]).toEqual([403, 'OperationDenied.RetentionLocked']);
    step({ action: 'delete', outcome: 'refused', dialect: 'NAS', detail: 'RetentionLocked', itemId: a });
    // Bob may not touch a drive he cannot see, nor lock his own (an admin's right).
    await bob.pds.fails('/v2/recyclebin/trash', { drive_id: driveId, file_id: b }, 404, /NotFound/);
    step({ action: 'trash', outcome: 'refused', dialect: 'PDS', detail: 'DriveNotFound', itemId: b, byBob: true });
    await bob.pds.fails('/v2/drive/update', { drive_id: bob.driveId, recyclebin_lock: { mode: 'governance', min_retention_days: 1 } }, 403, 'ForbiddenNoPermission');
    // (recorded on bob's drive: checked below)
    await pds.ok('/v2/drive/update', lock('compliance', 1));
    step({ action: 'settings', outcome: 'succeeded', dialect: 'PDS', detail: 'retention lock compliance, 1 day' });
    await pds.fails('/v2/drive/update', lock('governance', 1), 403, 'Forbidden.RetentionLocked');
    step({ action: 'settings', outcome: 'refused', dialect: 'PDS', detail: 'RetentionLocked' });
    // A compliance lock holding an item keeps the bin on (a governance one would let it go off, keeping what it holds).
    const disable = await nas('DisableAndCleanRecycleBin', { FileSystemId: driveId });
    expect([disable.status, disable.json.Code]).toEqual([403, 'OperationDenied.RetentionLocked']);
    step({ action: 'settings', outcome: 'refused', dialect: 'NAS', detail: 'RetentionLocked' });
    // An admin's bypass gives way to no compliance lock: turning the bin off is refused as well.
    const off = await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: false, bypassGovernanceRetention: true } });
    expect([off.status, off.body.code]).toEqual([403, 'RetentionLocked']);
    step({ action: 'settings', outcome: 'refused', dialect: 'Jobs', detail: 'RetentionLocked' });
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: b }, 202);
    step({ action: 'trash', outcome: 'succeeded', dialect: 'PDS', itemId: b });
    await waitForTask(pds, (await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: a }, 202)).async_task_id as string);
    step({ action: 'restore', outcome: 'succeeded', dialect: 'PDS', itemId: a });
    await pds.fails('/v2/recyclebin/restore', { drive_id: driveId, file_id: a }, 404, /NotFound/);
    step({ action: 'restore', outcome: 'refused', dialect: 'PDS', detail: 'EntryNotFound', itemId: a });
    // Emptying the bin under the lock: accepted, and its end is recorded with what the lock kept.
    const cleared = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    await waitForTask(pds, cleared.async_task_id as string).catch(() => undefined);
    step({ action: 'clear', outcome: 'accepted', dialect: 'PDS' });
    step({ action: 'clear', outcome: 'failed', dialect: 'PDS', detail: /failed 1/ });
    const cancel = await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: Number(cleared.async_task_id) } } });
    expect(cancel.status).toBe(400);
    step({ action: 'cancel', outcome: 'refused', dialect: 'Jobs', detail: 'JobNotCancellable' });

    // The drive's records, oldest first, are exactly these; the cancel of a finished job names the job, not the drive.
    const records = await eventually(async () => {
      const onDrive = (await trail(`&drive=${driveId}`)).records as Json[];
      const cancels = ((await trail('&action=cancel')).records as Json[]).filter((r) => r.jobId === Number(cleared.async_task_id));
      const all = [...onDrive, ...cancels].sort((x, y) => x.id - y.id);
      return all.length === expected.length ? all : undefined;
    }, 10_000).catch(async () => (await trail(`&drive=${driveId}`)).records as Json[]);
    expect(
      records.map((r) => ({ action: r.action, outcome: r.outcome, dialect: r.dialect, ...(r.itemId && { itemId: r.itemId }), detail: r.detail, actor: r.actor })),
    ).toEqual(
      expected.map(({ byBob, ...e }) => ({
        ...e,
        detail: e.detail instanceof RegExp ? expect.stringMatching(e.detail) : (e.detail ?? expect.any(String)),
        actor: byBob ? bob.id : node.adminActor.userId,
      })),
    );
    // Bob's refusals carry his id; the one on his own drive is a bin setting refused by his role.
    const his = ((await trail(`&actor=${bob.id}`)).records as Json[]).map((r) => [r.action, r.outcome, r.detail, r.driveId]);
    expect(his).toEqual([
      ['settings', 'refused', 'Forbidden', bob.driveId],
      ['trash', 'refused', 'DriveNotFound', driveId],
    ]);
  });

  it('no API of any dialect changes or deletes a record', async () => {
    const before = await trail('');
    const id = (before.records as Json[])[0]!.id as number;
    expect(before.totalCount).toBeGreaterThan(0);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const path of ['/v1/audit', `/v1/audit/${id}`, '/v1/audit/export', `/v1/audit?id=${id}`]) {
        const answer = await jobs.call(method, path, { body: { outcome: 'succeeded', detail: 'changed' } });
        expect([404, 405], `Jobs ${method} ${path}`).toContain(answer.status);
      }
    }
    // PDS: operations are POSTs by name; none reads or writes the trail.
    for (const path of ['/v2/audit/update', '/v2/audit/delete', '/v2/audit/clear', '/v2/audit/list', '/v1/audit']) {
      const answer = await pds.call(path, { id, outcome: 'succeeded' });
      expect([400, 404, 405], `PDS ${path}`).toContain(answer.status);
    }
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const answer = await fetch(`${node.url}/v2/audit/delete`, { method, headers: { authorization: `Bearer ${pds.accessToken}` } });
      expect([400, 404, 405], `PDS ${method}`).toContain(answer.status);
    }
    // NAS: actions by name; none is about the trail.
    for (const action of ['DeleteAuditRecords', 'ModifyAuditRecord', 'DescribeAuditRecords', 'ClearAuditLog']) {
      const answer = await nas(action, { RecordId: String(id) });
      expect(answer.status, `NAS ${action}`).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    expect(await trail('')).toEqual(before);
  });
});
