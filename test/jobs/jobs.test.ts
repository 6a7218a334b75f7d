import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/types.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type JobsClient, signedIn } from './support/jobs-client.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('Jobs API on %s', (database) => {
  const STATUS_SHAPE = {
    jobId: { id: expect.any(Number) },
    jobState: expect.any(String),
    jobType: expect.any(String),
    jobParams: expect.any(Object),
    jobStats: { processed: expect.any(Number), failed: expect.any(Number) },
    bucketName: expect.any(String),
  };
  /** The status shape; startTime and completeTime are left out while unknown, never null. */
  const expectStatus = (status: Record<string, unknown>) => {
    const { startTime, completeTime, ...rest } = status;
    expect(rest).toEqual(STATUS_SHAPE);
    for (const [key, time] of [['startTime', startTime], ['completeTime', completeTime]] as const) {
      if (key in status) expect(time, key).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  };

  /**
   * The job operations on a node with no job engine: restores run at once (COMPLETE), purges
   * stay queued (EXAMINING) until cancelled (CANCELLED), so every state is reached on purpose.
   */
  describe('Jobs dialect: jobs', () => {
    let node: TestNode;
    let admin: JobsClient;
    let bob: JobsClient;
    let bobActor: Actor;
    let teamId: string;
    let bobDriveId: string;
    const ids: Record<string, number> = {};

    const folder = async (actor: Actor, driveId: string, name: string) =>
      (await node.salvage.entries.createFolder(actor, { driveId, parentId: 'root', name, checkNameMode: 'refuse' })).entry.id;
    const trashed = async (actor: Actor, driveId: string, name: string) => {
      const id = await folder(actor, driveId, name);
      await node.salvage.bin.trash(actor, { driveId, fileId: id });
      return id;
    };

    beforeAll(async () => {
      node = await startTestNode({ database, jobConcurrency: 0 });
      const a = node.adminActor;
      teamId = (await node.salvage.drives.create(a, { name: 'Team', origin: 'pds' })).id;
      const b = await node.salvage.users.create({ name: 'bob', password: 'bob-password' });
      bobActor = { userId: b.id, isAdmin: false };
      bobDriveId = (await node.salvage.drives.create(bobActor, { name: 'Bob', origin: 'pds' })).id;

      const restoreA = await node.salvage.bin.restore(a, { driveId: teamId, fileId: await trashed(a, teamId, 'a'), policy: 'queue' });
      ids.restore = restoreA.job.id;
      ids.deleteC = (await node.salvage.bin.delete(a, { driveId: teamId, fileId: await trashed(a, teamId, 'c'), policy: 'queue', binOnly: true })).id;
      ids.deleteD = (await node.salvage.bin.delete(a, { driveId: teamId, fileId: await trashed(a, teamId, 'd'), policy: 'queue', binOnly: true })).id;
      ids.bobDelete = (await node.salvage.bin.delete(bobActor, { driveId: bobDriveId, fileId: await trashed(bobActor, bobDriveId, 'x'), policy: 'queue', binOnly: true })).id;
      admin = await signedIn(node.url);
      bob = await signedIn(node.url, 'bob', 'bob-password');
    });
    afterAll(async () => node?.destroy());

    it('GET /v1/jobs/{id}: a finished restore is COMPLETE, with the status object of SPEC section 5', async () => {
      const answer = await admin.call('GET', `/v1/jobs/${ids.restore}`);
      expect(answer.status).toBe(200);
      expectStatus(answer.body.status);
      expect(answer.body.status).toMatchObject({
        jobId: { id: ids.restore },
        jobState: 'COMPLETE',
        jobType: 'RESTORE',
        jobStats: { processed: 1, failed: 0 },
        bucketName: 'Team',
        jobParams: { fileName: 'a', restoredName: 'a', state: 'succeeded', driveId: teamId, createdBy: node.adminActor.userId, createdByName: 'admin' },
      });
      expect(answer.body.status.completeTime).toMatch(/Z$/);
      for (const v of Object.values(answer.body.status.jobParams)) expect(typeof v).toBe('string');
    });

    it('a queued purge is EXAMINING with no start or end time', async () => {
      const { body } = await admin.call('GET', `/v1/jobs/${ids.deleteC}`);
      expect(body.status).toMatchObject({ jobState: 'EXAMINING', jobType: 'DELETE', bucketName: 'Team' });
      // Unknown times are left out, never null (the vendor schema types them as strings).
      expect(body.status).not.toHaveProperty('startTime');
      expect(body.status).not.toHaveProperty('completeTime');
    });

    it('404 for an unknown id, a malformed id, and another user\'s job (as if missing)', async () => {
      for (const path of ['/v1/jobs/424242', '/v1/jobs/abc', '/v1/jobs/99999999999', '/v1/jobs/-1']) {
        const answer = await admin.call('GET', path);
        expect(answer.status, path).toBe(404);
        expect(answer.body.code).toBe('JobNotFound');
      }
      const hidden = await bob.call('GET', `/v1/jobs/${ids.deleteC}`);
      const missing = await bob.call('GET', '/v1/jobs/424242');
      expect(hidden.status).toBe(404);
      expect(hidden.body.message).toBe(`The specified JobId(${ids.deleteC}) does not exist.`);
      expect(missing.body.message).toBe('The specified JobId(424242) does not exist.');
      // Admin sees everyone's, and who started each, by name.
      const bobs = (await admin.call('GET', `/v1/jobs/${ids.bobDelete}`)).body.status;
      expect(bobs).toMatchObject({ bucketName: 'Bob', jobParams: { createdBy: bobActor.userId, createdByName: 'bob' } });
    });

    it('POST /v1/jobs/cancel cancels a queued job at once: CANCELLED', async () => {
      const answer = await admin.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: ids.deleteD } } });
      expect(answer.status).toBe(200);
      expectStatus(answer.body.status);
      expect(answer.body.status).toMatchObject({ jobId: { id: ids.deleteD }, jobState: 'CANCELLED', jobType: 'DELETE', bucketName: 'Team' });
      expect(answer.body.status.completeTime).toMatch(/Z$/);
      // What the cancelled purge held is back in the bin.
      const bin = await node.salvage.bin.list(node.adminActor, { driveId: teamId, limit: 10 });
      expect(bin.items.map((i) => i.name)).toContain('d');
    });

    it('400 JobNotCancellable for a finished job, naming its state', async () => {
      for (const id of [ids.restore, ids.deleteD]) {
        const answer = await admin.call('POST', '/v1/jobs/cancel', { body: { jobId: { id } } });
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('JobNotCancellable');
        expect(answer.body.details).toMatch(/state: (succeeded|cancelled)/);
        expect(answer.body.message).toMatch(/cannot be cancelled/);
      }
    });

    it('400 for a malformed cancel body; 404 for an unknown or hidden job', async () => {
      const bodies: [string, string][] = [
        ['not json', 'body'],
        ['', 'body'],
        ['[]', 'body'],
        ['{}', 'jobId'],
        ['{"jobId": 5}', 'jobId'],
        ['{"jobId": {}}', 'jobId.id'],
        ['{"jobId": {"id": "5"}}', 'jobId.id'],
        ['{"jobId": {"id": 1.5}}', 'jobId.id'],
        ['{"jobId": {"id": 2147483648}}', 'jobId.id'],
      ];
      for (const [rawBody, field] of bodies) {
        const answer = await admin.call('POST', '/v1/jobs/cancel', { rawBody });
        expect(answer.status, rawBody).toBe(400);
        expect(answer.body).toMatchObject({ code: 'InvalidRequest', details: `parameter: ${field}` });
      }
      expect((await admin.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: 424242 } } })).status).toBe(404);
      expect((await admin.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: -3 } } })).status).toBe(404);
      const hidden = await bob.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: ids.deleteC } } });
      expect(hidden.status).toBe(404);
      expect((await node.salvage.jobs.get(node.adminActor, String(ids.deleteC))).state).toBe('queued');
    });

    it('takes the vendor curl example as it is sent (JSON without a JSON content type)', async () => {
      const answer = await admin.call('POST', '/v1/jobs/cancel', {
        rawBody: '{ "jobId" : { "id" : 424242 } }',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(answer.status).toBe(404);
    });

    it('GET /v1/jobs lists newest first, the caller\'s only (admin: all)', async () => {
      const all = await admin.call('GET', '/v1/jobs');
      expect(all.status).toBe(200);
      const listed = all.body.jobs.map((j: { jobId: { id: number } }) => j.jobId.id);
      expect(listed).toEqual([...listed].sort((x: number, y: number) => y - x));
      expect(listed).toEqual(expect.arrayContaining([ids.restore, ids.deleteC, ids.deleteD, ids.bobDelete]));
      expect(all.body).toMatchObject({ page: 1, pageSize: 50, totalCount: listed.length });
      for (const j of all.body.jobs) expectStatus(j);
      const mine = await bob.call('GET', '/v1/jobs');
      expect(mine.body.jobs.map((j: { jobId: { id: number } }) => j.jobId.id)).toEqual([ids.bobDelete]);
    });

    it('filters by state, type and drive', async () => {
      const idsOf = async (query: string, client = admin) => {
        const answer = await client.call('GET', `/v1/jobs?${query}`);
        expect(answer.status, query).toBe(200);
        return answer.body.jobs.map((j: { jobId: { id: number } }) => j.jobId.id);
      };
      expect(await idsOf('state=COMPLETE')).toEqual([ids.restore]);
      expect(await idsOf('state=CANCELLED')).toEqual([ids.deleteD]);
      expect(await idsOf(`state=EXAMINING&drive=${teamId}`)).toEqual([ids.deleteC]);
      expect(await idsOf('state=examining,complete&drive=' + teamId)).toEqual([ids.deleteC, ids.restore]);
      expect(await idsOf('state=PROCESSING')).toEqual([]);
      expect(await idsOf('type=RESTORE')).toEqual([ids.restore]);
      expect(await idsOf(`drive=${bobDriveId}`)).toEqual([ids.bobDelete]);
      expect(await idsOf('state=FAILED')).toEqual([]);
      // A listing names who started each job (one lookup for the page's users).
      const listed = (await admin.call('GET', '/v1/jobs')).body.jobs as { jobId: { id: number }; jobParams: Record<string, string> }[];
      expect(Object.fromEntries(listed.map((j) => [j.jobId.id, j.jobParams.createdByName]))).toEqual({
        [String(ids.restore)]: 'admin', [String(ids.deleteC)]: 'admin', [String(ids.deleteD)]: 'admin', [String(ids.bobDelete)]: 'bob',
      });
    });

    it('pages with page and pageSize', async () => {
      const first = await admin.call('GET', '/v1/jobs?page=1&pageSize=2');
      const second = await admin.call('GET', '/v1/jobs?page=2&pageSize=2');
      const beyond = await admin.call('GET', '/v1/jobs?page=9&pageSize=2');
      const all = (await admin.call('GET', '/v1/jobs')).body.jobs.map((j: { jobId: { id: number } }) => j.jobId.id);
      const pageIds = (a: { body: { jobs: { jobId: { id: number } }[] } }) => a.body.jobs.map((j) => j.jobId.id);
      expect([...pageIds(first), ...pageIds(second)]).toEqual(all.slice(0, 4));
      expect(first.body.totalCount).toBe(all.length);
      expect(beyond.body.jobs).toEqual([]);
      // Paging a mixed (running + finished) state filter keeps the newest-first order too.
      const mixed1 = await admin.call('GET', `/v1/jobs?state=EXAMINING,COMPLETE,CANCELLED&drive=${teamId}&pageSize=1&page=1`);
      const mixed2 = await admin.call('GET', `/v1/jobs?state=EXAMINING,COMPLETE,CANCELLED&drive=${teamId}&pageSize=1&page=2`);
      expect([...pageIds(mixed1), ...pageIds(mixed2)]).toEqual([ids.deleteD, ids.deleteC]);
      expect(mixed1.body.totalCount).toBe(3);
    });

    it('400 for bad filters and pages, 404 for a drive the caller cannot see', async () => {
      for (const q of ['state=DONE', 'type=MIGRATE', 'page=0', 'page=x', 'pageSize=101', 'pageSize=0']) {
        const answer = await admin.call('GET', `/v1/jobs?${q}`);
        expect(answer.status, q).toBe(400);
        expect(answer.body.code).toBe('InvalidRequest');
      }
      // COPY is a job type since PDS file/copy copies folders with a job.
      expect((await admin.call('GET', '/v1/jobs?type=COPY')).status).toBe(200);
      expect((await bob.call('GET', `/v1/jobs?drive=${teamId}`)).status).toBe(404);
      expect((await admin.call('GET', '/v1/jobs?drive=no-such-drive')).status).toBe(404);
      expect((await admin.call('GET', '/v1/jobs?drive=bad%20id')).status).toBe(400);
    });
  });
});
