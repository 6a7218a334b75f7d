import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { type JobsClient, signedIn } from './support/jobs-client.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('Jobs bin settings on %s', (database) => {
  /** The UI's bin settings: GET and PUT /v1/drives/{id}/recyclebin (PDS has no such operation). */
  describe('Jobs dialect: recycle-bin settings', () => {
    let node: TestNode;
    let admin: JobsClient;
    let driveId: string;
    beforeAll(async () => {
      node = await startTestNode({ database, jobConcurrency: 0 });
      driveId = (await node.salvage.drives.create(node.adminActor, { name: 'Team', origin: 'pds' })).id;
      admin = await signedIn(node.url);
    });
    afterAll(async () => node?.destroy());

    const path = () => `/v1/drives/${driveId}/recyclebin`;

    it('reads the settings: a PDS drive starts with its bin on and 30 days', async () => {
      const answer = await admin.call('GET', path());
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ driveId, driveName: 'Team', enabled: true, reservedDays: 30, sizeBytes: 0 });
    });

    it('changes retention; the core sees it', async () => {
      const answer = await admin.call('PUT', path(), { body: { enabled: true, reservedDays: 7 } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ enabled: true, reservedDays: 7, job: null });
      expect((await node.salvage.bin.attribute(node.adminActor, driveId)).reservedDays).toBe(7);
    });

    it('turning the bin off empties it with a CLEAR job; turning it on again takes the days', async () => {
      const off = await admin.call('PUT', path(), { body: { enabled: false } });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ enabled: false, job: { jobType: 'CLEAR', bucketName: 'Team' } });
      const on = await admin.call('PUT', path(), { body: { enabled: true, reservedDays: 12 } });
      expect(on.body).toMatchObject({ enabled: true, reservedDays: 12 });
    });

    it('refuses bad bodies (400), missing CSRF (401) and unknown drives (404)', async () => {
      for (const body of [{}, { enabled: 'yes' }, { enabled: true, reservedDays: 0 }, { enabled: true, reservedDays: 181 }, { enabled: true, reservedDays: 1.5 }]) {
        const answer = await admin.call('PUT', path(), { body });
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(answer.body.code).toBe('InvalidRequest');
      }
      expect((await admin.call('PUT', path(), { body: { enabled: true, reservedDays: 5 }, xsrfHeader: null })).status).toBe(401);
      expect((await admin.call('GET', '/v1/drives/nope/recyclebin')).status).toBe(404);
      expect((await admin.call('PUT', '/v1/drives/nope/recyclebin', { body: { enabled: true } })).status).toBe(404);
    });
  });
});
