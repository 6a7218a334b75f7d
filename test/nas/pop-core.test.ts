import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { popClient } from './support/clients.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('NAS through pop-core on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  type Answer = Record<string, unknown>;

  describe('a sample of actions through @alicloud/pop-core (V2 HMAC-SHA1 signatures)', () => {
    it('creates a file system, enables its bin, deletes and restores through GET and POST', async () => {
      const pop = popClient(node);
      const created = (await pop.request('CreateFileSystem', { ProtocolType: 'NFS', StorageType: 'Capacity' }, { method: 'POST' })) as Answer;
      const fs = String(created.FileSystemId);
      expect(created.RequestId).toMatch(/^[0-9A-F-]{36}$/);
      await pop.request('EnableRecycleBin', { FileSystemId: fs, ReservedDays: 5 }, { method: 'POST' });
      const attr = (await pop.request('GetRecycleBinAttribute', { FileSystemId: fs })) as { RecycleBinAttribute: Answer };
      expect(attr.RecycleBinAttribute).toMatchObject({ Status: 'Enable', ReservedDays: 5, Size: 0 });

      const { salvage, adminActor: me } = node;
      const folder = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'photos' })).entry;
      await salvage.bin.trash(me, { driveId: fs, fileId: folder.id });
      const listed = (await pop.request('ListRecycledDirectoriesAndFiles', { FileSystemId: fs, FileId: 'root' })) as { Entries: Answer[] };
      expect(listed.Entries.map((e) => e.Name)).toEqual(['photos']);

      const restore = (await pop.request(
        'CreateRecycleBinRestoreJob',
        { FileSystemId: fs, FileId: folder.id, TargetFileId: 'root' },
        { method: 'POST' },
      )) as Answer;
      const jobs = (await pop.request('ListRecycleBinJobs', { FileSystemId: fs, JobId: String(restore.JobId) })) as { Jobs: Answer[] };
      expect(jobs.Jobs[0]).toMatchObject({ Id: restore.JobId, Type: 'Restore', Status: 'Success', Progress: '100' });

      await salvage.bin.trash(me, { driveId: fs, fileId: folder.id });
      const del = (await pop.request('CreateRecycleBinDeleteJob', { FileSystemId: fs, FileId: folder.id })) as Answer;
      await eventually(async () => {
        const j = (await pop.request('ListRecycleBinJobs', { FileSystemId: fs, Status: 'Success' })) as { TotalCount: number };
        return j.TotalCount === 2 ? true : undefined;
      });
      expect(del.JobId).toMatch(/^\d+$/);
    });

    it('reports NAS errors the way pop-core surfaces them', async () => {
      const pop = popClient(node);
      await expect(pop.request('GetRecycleBinAttribute', { FileSystemId: 'nosuchfs' })).rejects.toMatchObject({
        code: 'InvalidFileSystem.NotFound',
        data: { Code: 'InvalidFileSystem.NotFound', HostId: `127.0.0.1:${node.port}` },
      });
      await expect(popClient(node, 'LTAInosuchkey', 'x').request('DescribeFileSystems', {})).rejects.toMatchObject({
        code: 'InvalidAccessKeyId.NotFound',
      });
      await expect(popClient(node, 'LTAItestadminkey', 'wrong-secret').request('DescribeFileSystems', {})).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
      });
    });
  });
});
