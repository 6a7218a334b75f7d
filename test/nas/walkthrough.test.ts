import { Readable } from 'node:stream';
import * as $Nas from '@alicloud/nas20170626';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { type NasClient, nasClient, noRetries } from './support/clients.js';
import { PdsHelper } from './support/pds.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('NAS walkthrough on %s', (database) => {
  let node: TestNode;
  let nas: NasClient;
  let pds: PdsHelper;
  beforeAll(async () => {
    // One entry per purge batch: a delete of a few hundred entries takes long enough to cancel.
    node = await startTestNode({ database, purgeBatchSize: 1 });
    nas = nasClient(node);
    pds = await PdsHelper.login(node);
  });
  afterAll(async () => node?.destroy());

  const rt = noRetries;
  const jobOf = async (fs: string, jobId: string) =>
    (await nas.listRecycleBinJobsWithOptions(new $Nas.ListRecycleBinJobsRequest({ fileSystemId: fs, jobId }), rt())).body!.jobs![0]!;

  describe('NAS walkthrough with @alicloud/nas20170626', () => {
    let fs: string;
    let docs: string;
    let report: string;
    let drafts: string;
    let target: string;

    it('creates a file system with the bin disabled, and describes it', async () => {
      const created = await nas.createFileSystemWithOptions(
        new $Nas.CreateFileSystemRequest({ protocolType: 'NFS', storageType: 'Performance', description: 'walkthrough' }),
        rt(),
      );
      fs = created.body!.fileSystemId!;
      expect(fs).toMatch(/^[0-9a-f]{10}$/);
      expect(created.body!.requestId).toMatch(/^[0-9A-F-]{36}$/);
      expect(created.headers!['x-acs-request-id']).toBe(created.body!.requestId);

      const described = await nas.describeFileSystemsWithOptions(new $Nas.DescribeFileSystemsRequest({ fileSystemId: fs }), rt());
      expect(described.body!.totalCount).toBe(1);
      const one = described.body!.fileSystems!.fileSystem![0]!;
      expect(one).toMatchObject({ fileSystemId: fs, description: 'walkthrough', fileSystemType: 'standard', status: 'Running', meteredSize: 0 });
      expect(one.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      const attr = await nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), rt());
      expect(attr.body!.recycleBinAttribute).toMatchObject({ status: 'Disable', reservedDays: 0, size: 0, secondarySize: 0, archiveSize: 0 });
    });

    it('makes files through the PDS dialect and lists them with ListDirectoriesAndFiles', async () => {
      docs = await pds.folder(fs, 'root', 'docs');
      report = await pds.file(fs, docs, 'report.txt', 'quarterly numbers');
      drafts = await pds.folder(fs, docs, 'drafts');
      await pds.file(fs, drafts, 'draft-1.txt', 'first');
      target = await pds.folder(fs, 'root', 'restored-here');

      const root = await nas.listDirectoriesAndFilesWithOptions(
        new $Nas.ListDirectoriesAndFilesRequest({ fileSystemId: fs, path: '/', storageType: 'All' }),
        rt(),
      );
      expect(root.body!.entries!.map((e) => [e.name, e.type])).toEqual([
        ['docs', 'Directory'],
        ['restored-here', 'Directory'],
      ]);
      const inDocs = await nas.listDirectoriesAndFilesWithOptions(
        new $Nas.ListDirectoriesAndFilesRequest({ fileSystemId: fs, path: '/docs', storageType: 'All' }),
        rt(),
      );
      const file = inDocs.body!.entries!.find((e) => e.name === 'report.txt')!;
      expect(file).toMatchObject({ fileId: report, type: 'File', size: 17, inode: report });
      expect(file.mtime).toMatch(/Z$/);
      const dirsOnly = await nas.listDirectoriesAndFilesWithOptions(
        new $Nas.ListDirectoriesAndFilesRequest({ fileSystemId: fs, path: '/docs', directoryOnly: true, storageType: 'All' }),
        rt(),
      );
      expect(dirsOnly.body!.entries!.map((e) => e.name)).toEqual(['drafts']);
      const archive = await nas.listDirectoriesAndFilesWithOptions(
        new $Nas.ListDirectoriesAndFilesRequest({ fileSystemId: fs, path: '/docs', storageType: 'Archive' }),
        rt(),
      );
      expect(archive.body!.entries ?? []).toEqual([]);
    });

    it('enables the bin, and PDS deletes go to it', async () => {
      await nas.enableRecycleBinWithOptions(new $Nas.EnableRecycleBinRequest({ fileSystemId: fs, reservedDays: 7 }), rt());
      await nas.updateRecycleBinAttributeWithOptions(new $Nas.UpdateRecycleBinAttributeRequest({ fileSystemId: fs, reservedDays: 10 }), rt());
      const attr = await nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), rt());
      expect(attr.body!.recycleBinAttribute).toMatchObject({ status: 'Enable', reservedDays: 10, size: 0 });
      expect(attr.body!.recycleBinAttribute!.enableTime).toMatch(/Z$/);

      await pds.trash(fs, report);
      await pds.trash(fs, drafts);
      const after = await nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), rt());
      expect(after.body!.recycleBinAttribute!.size).toBe(17 + 5);
    });

    it('finds the deleted entries with ListRecentlyRecycledDirectories and ListRecycledDirectoriesAndFiles', async () => {
      const dirs = await nas.listRecentlyRecycledDirectoriesWithOptions(
        new $Nas.ListRecentlyRecycledDirectoriesRequest({ fileSystemId: fs }),
        rt(),
      );
      expect(dirs.body!.entries!.map((d) => [d.fileId, d.name, d.path])).toEqual([[docs, 'docs', '/docs']]);
      expect(dirs.body!.entries![0]!.lastDeleteTime).toMatch(/Z$/);
      expect(dirs.body!.nextToken).toBe('');

      const deleted = await nas.listRecycledDirectoriesAndFilesWithOptions(
        new $Nas.ListRecycledDirectoriesAndFilesRequest({ fileSystemId: fs, fileId: docs }),
        rt(),
      );
      // Newest deletion first.
      expect(deleted.body!.entries!.map((e) => [e.name, e.type, e.size])).toEqual([
        ['drafts', 'Directory', 0],
        ['report.txt', 'File', 17],
      ]);
      expect(deleted.body!.entries![0]!.deleteTime).toMatch(/Z$/);

      const inside = await nas.listRecycledDirectoriesAndFilesWithOptions(
        new $Nas.ListRecycledDirectoriesAndFilesRequest({ fileSystemId: fs, fileId: drafts }),
        rt(),
      );
      expect(inside.body!.entries!.map((e) => e.name)).toEqual(['draft-1.txt']);
      expect(inside.body!.entries![0]!.deleteTime).toBe(deleted.body!.entries![0]!.deleteTime);
    });

    it('restores into a target folder, idempotently with a ClientToken', async () => {
      const req = () =>
        new $Nas.CreateRecycleBinRestoreJobRequest({ fileSystemId: fs, fileId: report, targetFileId: target, clientToken: 'restore-report-1' });
      const first = await nas.createRecycleBinRestoreJobWithOptions(req(), rt());
      const again = await nas.createRecycleBinRestoreJobWithOptions(req(), rt());
      expect(again.body!.jobId).toBe(first.body!.jobId);
      expect(first.body!.jobId).toMatch(/^\d+$/);
      const job = await jobOf(fs, first.body!.jobId!);
      expect(job).toMatchObject({ type: 'Restore', status: 'Success', progress: '100', fileId: report, fileName: 'report.txt' });

      const listed = await nas.listDirectoriesAndFilesWithOptions(
        new $Nas.ListDirectoriesAndFilesRequest({ fileSystemId: fs, path: '/restored-here', storageType: 'All' }),
        rt(),
      );
      expect(listed.body!.entries!.map((e) => e.name)).toEqual(['report.txt']);

      // The same token for another request is refused and changes nothing.
      const other = new $Nas.CreateRecycleBinRestoreJobRequest({
        fileSystemId: fs,
        fileId: drafts,
        targetFileId: target,
        clientToken: 'restore-report-1',
      });
      await expect(nas.createRecycleBinRestoreJobWithOptions(other, rt())).rejects.toMatchObject({
        code: 'IdempotentParameterMismatch',
        statusCode: 400,
      });
      expect((await node.salvage.entries.state(node.adminActor, { driveId: fs, fileId: drafts })).state).toBe('binned');
    });

    it('deletes permanently', async () => {
      const made = await nas.createRecycleBinDeleteJobWithOptions(
        new $Nas.CreateRecycleBinDeleteJobRequest({ fileSystemId: fs, fileId: drafts }),
        rt(),
      );
      const done = await eventually(async () => {
        const j = await jobOf(fs, made.body!.jobId!);
        return j.status === 'Success' ? j : undefined;
      });
      expect(done).toMatchObject({ type: 'Delete', progress: '100', fileName: 'drafts' });
      await expect(
        nas.listRecycledDirectoriesAndFilesWithOptions(new $Nas.ListRecycledDirectoriesAndFilesRequest({ fileSystemId: fs, fileId: drafts }), rt()),
      ).rejects.toMatchObject({ code: 'InvalidFileId.NotFound', statusCode: 404 });
      const attr = await nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), rt());
      expect(attr.body!.recycleBinAttribute!.size).toBe(0);
    });

    it('cancels a long delete, refuses a second job meanwhile, and keeps the rest restorable', async () => {
      // A big folder, made through the core handle: 300 entries by HTTP would only slow the test.
      const { salvage, adminActor: me } = node;
      const big = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'big' })).entry;
      for (let i = 0; i < 300; i++) {
        await salvage.entries.createFile(me, { driveId: fs, parentId: big.id, name: `f${i}.bin`, content: Readable.from([Buffer.from('x')]) });
      }
      const other = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'other' })).entry;
      await salvage.bin.trash(me, { driveId: fs, fileId: big.id });
      await salvage.bin.trash(me, { driveId: fs, fileId: other.id });

      const made = await nas.createRecycleBinDeleteJobWithOptions(
        new $Nas.CreateRecycleBinDeleteJobRequest({ fileSystemId: fs, fileId: big.id }),
        rt(),
      );
      const jobId = made.body!.jobId!;
      await expect(
        nas.createRecycleBinDeleteJobWithOptions(new $Nas.CreateRecycleBinDeleteJobRequest({ fileSystemId: fs, fileId: big.id }), rt()),
      ).rejects.toMatchObject({ code: 'OperationDenied.Conflict', statusCode: 403, message: expect.stringContaining(`(${jobId})`) });
      await expect(
        nas.createRecycleBinRestoreJobWithOptions(
          new $Nas.CreateRecycleBinRestoreJobRequest({ fileSystemId: fs, fileId: other.id, targetFileId: 'root' }),
          rt(),
        ),
      ).rejects.toMatchObject({ code: 'OperationDenied.TooManyRunningJobs', statusCode: 403 });

      const running = await eventually(async () => {
        const j = await jobOf(fs, jobId);
        return j.status === 'Running' && Number(j.progress) >= 1 ? j : undefined;
      });
      expect(Number(running.progress)).toBeLessThan(100);
      await nas.cancelRecycleBinJobWithOptions(new $Nas.CancelRecycleBinJobRequest({ jobId }), rt());
      const cancelled = await eventually(async () => {
        const j = await jobOf(fs, jobId);
        return j.status === 'Cancelled' ? j : undefined;
      });
      expect(Number(cancelled.progress)).toBeGreaterThanOrEqual(1);
      await expect(nas.cancelRecycleBinJobWithOptions(new $Nas.CancelRecycleBinJobRequest({ jobId }), rt())).rejects.toMatchObject({
        code: 'OperationDenied.InvalidState',
        statusCode: 403,
        message: expect.stringContaining('Cancelled'),
      });

      // What was not purged is back in the bin, restorable.
      const back = await nas.listRecycledDirectoriesAndFilesWithOptions(
        new $Nas.ListRecycledDirectoriesAndFilesRequest({ fileSystemId: fs, fileId: 'root' }),
        rt(),
      );
      expect(back.body!.entries!.map((e) => e.name)).toContain('big');
      const left = await nas.listRecycledDirectoriesAndFilesWithOptions(
        new $Nas.ListRecycledDirectoriesAndFilesRequest({ fileSystemId: fs, fileId: big.id, maxResults: 1000 }),
        rt(),
      );
      expect(left.body!.entries!.length).toBeGreaterThan(0);
      expect(left.body!.entries!.length).toBeLessThan(300);
      const restored = await nas.createRecycleBinRestoreJobWithOptions(
        new $Nas.CreateRecycleBinRestoreJobRequest({ fileSystemId: fs, fileId: big.id, targetFileId: 'root' }),
        rt(),
      );
      expect((await jobOf(fs, restored.body!.jobId!)).status).toBe('Success');
    });

    it('pages through jobs with a status filter', async () => {
      const all = await nas.listRecycleBinJobsWithOptions(new $Nas.ListRecycleBinJobsRequest({ fileSystemId: fs, pageSize: 2 }), rt());
      expect(all.body!.totalCount).toBe(4);
      expect(all.body!.pageNumber).toBe(1);
      expect(all.body!.pageSize).toBe(2);
      const page2 = await nas.listRecycleBinJobsWithOptions(
        new $Nas.ListRecycleBinJobsRequest({ fileSystemId: fs, pageSize: 2, pageNumber: 2 }),
        rt(),
      );
      const ids = [...all.body!.jobs!, ...page2.body!.jobs!].map((j) => Number(j.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first, no overlap
      expect(new Set(ids).size).toBe(4);
      const cancelled = await nas.listRecycleBinJobsWithOptions(
        new $Nas.ListRecycleBinJobsRequest({ fileSystemId: fs, status: 'Cancelled' }),
        rt(),
      );
      expect(cancelled.body!.jobs!.map((j) => j.status)).toEqual(['Cancelled']);
      const success = await nas.listRecycleBinJobsWithOptions(new $Nas.ListRecycleBinJobsRequest({ fileSystemId: fs, status: 'Success' }), rt());
      expect(success.body!.totalCount).toBe(3);
      expect(success.body!.jobs!.every((j) => j.createTime!.endsWith('Z') && j.errorCode === '')).toBe(true);
    });

    it('disables and cleans the bin, then deletes the file system', async () => {
      await node.salvage.bin.trash(node.adminActor, { driveId: fs, fileId: target });
      await nas.disableAndCleanRecycleBinWithOptions(new $Nas.DisableAndCleanRecycleBinRequest({ fileSystemId: fs }), rt());
      const attr = await nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), rt());
      expect(attr.body!.recycleBinAttribute).toMatchObject({ status: 'Disable', reservedDays: 0 });
      await eventually(async () => ((await node.salvage.drives.get(node.adminActor, fs)).binBytes === 0 ? true : undefined));
      const dirs = await nas.listRecentlyRecycledDirectoriesWithOptions(new $Nas.ListRecentlyRecycledDirectoriesRequest({ fileSystemId: fs }), rt());
      expect(dirs.body!.entries ?? []).toEqual([]);

      await nas.deleteFileSystemWithOptions(new $Nas.DeleteFileSystemRequest({ fileSystemId: fs }), rt());
      const gone = await nas.describeFileSystemsWithOptions(new $Nas.DescribeFileSystemsRequest({ fileSystemId: fs }), rt());
      expect(gone.body!.totalCount).toBe(0);
      await expect(
        nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), rt()),
      ).rejects.toMatchObject({ code: 'InvalidFileSystem.NotFound', statusCode: 404 });
    });
  });
});
