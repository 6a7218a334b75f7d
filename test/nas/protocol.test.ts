import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { toNasError } from '../../src/api/nas/errors.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { rawNas } from './support/raw.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('NAS protocol on %s', (database) => {
  let node: TestNode;
  let fs: string;
  let disabledFs: string;
  let binItem: string;
  let jobId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    const { salvage, adminActor: me } = node;
    fs = (await salvage.drives.create(me, { name: 'protocol', origin: 'pds' })).id;
    disabledFs = (await salvage.drives.create(me, { name: undefined, origin: 'nas' })).id;
    const folder = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'a' })).entry;
    await salvage.bin.trash(me, { driveId: fs, fileId: folder.id });
    binItem = folder.id;
    const other = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'b' })).entry;
    await salvage.bin.trash(me, { driveId: fs, fileId: other.id });
    jobId = String((await salvage.bin.restore(me, { driveId: fs, fileId: other.id, targetId: 'root', policy: 'refuse' })).job.id);
  });
  afterAll(async () => node?.destroy());

  /** Everything a refused request could have changed. */
  async function snapshot() {
    const { salvage, adminActor: me } = node;
    const drives = await salvage.drives.list(me, { offset: 0, limit: 100 });
    const bin = await salvage.bin.list(me, { driveId: fs });
    const jobs = await salvage.jobs.list(me, { limit: 100 });
    const attrs = await Promise.all(drives.items.map((d) => salvage.bin.attribute(me, d.id)));
    return JSON.stringify({ drives: drives.items.map((d) => [d.id, d.binEnabled, d.reservedDays]), bin: bin.items.map((i) => i.id), jobs: jobs.items.map((j) => [j.id, j.state]), attrs });
  }

  const xml = new XMLParser({ isArray: (name) => ['Jobs', 'FileSystem', 'Entries'].includes(name) });

  describe('dispatch and answers', () => {
    it('answers an unknown or missing action, and a bad or missing version', async () => {
      const unknown = await rawNas(node, { action: 'DescribeMountTargets' });
      expect([unknown.status, unknown.json.Code]).toEqual([404, 'InvalidAction.NotFound']);
      expect(unknown.json.Message).toContain('DescribeMountTargets');
      const missing = await rawNas(node, {});
      expect([missing.status, missing.json.Code]).toEqual([400, 'MissingParameter.Action']);
      const badVersion = await rawNas(node, { action: 'DescribeFileSystems', version: '2016-01-01' });
      expect([badVersion.status, badVersion.json.Code]).toEqual([400, 'InvalidVersion']);
      const noVersion = await rawNas(node, { action: 'DescribeFileSystems', version: '' });
      expect([noVersion.status, noVersion.json.Code]).toEqual([400, 'MissingParameter.Version']);
    });

    it('takes Action and Version from the x-acs-* headers', async () => {
      const r = await rawNas(node, {
        version: '',
        headers: { 'x-acs-action': 'GetRecycleBinAttribute', 'x-acs-version': '2017-06-26' },
        params: { FileSystemId: fs },
      });
      expect(r.status).toBe(200);
      expect(r.json.RecycleBinAttribute).toMatchObject({ Status: 'Enable', ReservedDays: 30 });
    });

    it('answers XML with Format=XML or Accept: application/xml, arrays as repeated elements', async () => {
      const attr = await rawNas(node, { action: 'GetRecycleBinAttribute', params: { FileSystemId: fs, Format: 'XML' } });
      expect(attr.headers.get('content-type')).toBe('text/xml;charset=utf-8');
      const parsed = xml.parse(attr.text) as { GetRecycleBinAttributeResponse: { RequestId: string; RecycleBinAttribute: { Status: string } } };
      expect(parsed.GetRecycleBinAttributeResponse.RequestId).toBe(attr.headers.get('x-acs-request-id'));
      expect(parsed.GetRecycleBinAttributeResponse.RecycleBinAttribute.Status).toBe('Enable');

      const described = await rawNas(node, { action: 'DescribeFileSystems', headers: { accept: 'application/xml' } });
      expect(described.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><DescribeFileSystemsResponse>/);
      expect(described.text.match(/<FileSystem>/g)).toHaveLength(2);
      expect(described.text).toContain('<FileSystems><FileSystem>');

      const listed = await rawNas(node, { action: 'ListRecycledDirectoriesAndFiles', params: { FileSystemId: fs, FileId: 'root', Format: 'xml' } });
      expect(listed.text).toMatch(/<ListRecycledDirectoriesAndFilesResponse><RequestId>[^<]+<\/RequestId><Entries><FileId>/);

      const error = await rawNas(node, { action: 'GetRecycleBinAttribute', params: { FileSystemId: 'nosuch', Format: 'XML' } });
      expect(error.status).toBe(404);
      const err = xml.parse(error.text) as { Error: Record<string, string> };
      expect(err.Error).toMatchObject({ Code: 'InvalidFileSystem.NotFound', HostId: `127.0.0.1:${node.port}` });
      expect(err.Error.Message).toBe('The specified file system does not exist.');
      expect(err.Error.Recommend).toBeTruthy();
    });

    it('fills ids into vendor-style messages', async () => {
      const job = await rawNas(node, { action: 'CancelRecycleBinJob', params: { JobId: '99999' } });
      expect([job.status, job.json.Code, job.json.Message]).toEqual([404, 'InvalidJobId.NotFound', 'The specified JobId(99999) does not exist.']);
      const file = await rawNas(node, { action: 'CreateRecycleBinDeleteJob', params: { FileSystemId: fs, FileId: 'nosuchfile' } });
      expect([file.status, file.json.Code, file.json.Message]).toEqual([404, 'InvalidFileId.NotFound', 'The specified FileId(nosuchfile) does not exist.']);
      const finished = await rawNas(node, { action: 'CancelRecycleBinJob', params: { JobId: jobId } });
      expect([finished.status, finished.json.Code]).toEqual([403, 'OperationDenied.InvalidState']);
      expect(finished.json.Message).toBe(`The job ${jobId} is in the Success state and cannot be cancelled.`);
    });

    it('maps the core job conflicts to the NAS codes and messages', () => {
      const conflict = toNasError(new DomainError('JobConflict', '', { jobId: '42' })).error;
      expect([conflict.status, conflict.code, conflict.message]).toEqual([
        403,
        'OperationDenied.Conflict',
        'The operation is in conflict with (42). Please try again later.',
      ]);
      const busy = toNasError(new DomainError('TooManyRunningJobs', '', { jobId: '42' })).error;
      expect([busy.status, busy.code]).toEqual([403, 'OperationDenied.TooManyRunningJobs']);
      const unknown = toNasError(new Error('secret internals'));
      expect([unknown.error.status, unknown.error.code, unknown.unexpected]).toEqual([500, 'InternalError', true]);
      expect(unknown.error.message).not.toContain('secret');
    });
  });

  describe('bad input is refused with its documented code and changes nothing', () => {
    const cases: [string, Record<string, string>, number, string][] = [
      // Every missing parameter.
      ['DeleteFileSystem', {}, 400, 'MissingFileSystemId'],
      ['ListDirectoriesAndFiles', { Path: '/', StorageType: 'All' }, 400, 'MissingFileSystemId'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', StorageType: 'All' }, 400, 'MissingPath'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: '/' }, 400, 'MissingStorageType'],
      ['EnableRecycleBin', {}, 400, 'MissingFileSystemId'],
      ['GetRecycleBinAttribute', {}, 400, 'MissingFileSystemId'],
      ['UpdateRecycleBinAttribute', { ReservedDays: '5' }, 400, 'MissingFileSystemId'],
      ['UpdateRecycleBinAttribute', { FileSystemId: 'FS' }, 400, 'MissingReservedDays'],
      ['DisableAndCleanRecycleBin', {}, 400, 'MissingFileSystemId'],
      ['ListRecentlyRecycledDirectories', {}, 400, 'MissingFileSystemId'],
      ['ListRecycledDirectoriesAndFiles', { FileId: 'root' }, 400, 'MissingFileSystemId'],
      ['ListRecycledDirectoriesAndFiles', { FileSystemId: 'FS' }, 400, 'MissingFileId'],
      ['CreateRecycleBinRestoreJob', { FileId: 'ITEM', TargetFileId: 'root' }, 400, 'MissingFileSystemId'],
      ['CreateRecycleBinRestoreJob', { FileSystemId: 'FS', TargetFileId: 'root' }, 400, 'MissingFileId'],
      ['CreateRecycleBinRestoreJob', { FileSystemId: 'FS', FileId: 'ITEM' }, 400, 'MissingTargetFileId'],
      ['CreateRecycleBinDeleteJob', { FileId: 'ITEM' }, 400, 'MissingFileSystemId'],
      ['CreateRecycleBinDeleteJob', { FileSystemId: 'FS' }, 400, 'MissingFileId'],
      ['ListRecycleBinJobs', {}, 400, 'MissingFileSystemId'],
      ['CancelRecycleBinJob', {}, 400, 'MissingJobId'],
      ['CreateFileSystem', { StorageType: 'Performance' }, 400, 'MissingProtocolType'],
      ['CreateFileSystem', { ProtocolType: 'NFS' }, 400, 'MissingStorageType'],
      // Illegal characters in ids.
      ['GetRecycleBinAttribute', { FileSystemId: 'fs$1' }, 400, 'IllegalCharacters'],
      ['CreateRecycleBinDeleteJob', { FileSystemId: 'FS', FileId: '../etc' }, 400, 'IllegalCharacters'],
      ['CreateRecycleBinRestoreJob', { FileSystemId: 'FS', FileId: 'ITEM', TargetFileId: 'a b' }, 400, 'IllegalCharacters'],
      ['CancelRecycleBinJob', { JobId: '1;drop' }, 400, 'IllegalCharacters'],
      ['ListRecycleBinJobs', { FileSystemId: 'FS', JobId: 'x'.repeat(129) }, 400, 'IllegalCharacters'],
      // Out of range, wrong type, unknown values.
      ['EnableRecycleBin', { FileSystemId: 'FS', ReservedDays: '181' }, 400, 'InvalidParameter'],
      ['UpdateRecycleBinAttribute', { FileSystemId: 'FS', ReservedDays: '0' }, 400, 'InvalidParameter'],
      ['UpdateRecycleBinAttribute', { FileSystemId: 'FS', ReservedDays: 'ten' }, 400, 'InvalidParameter'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: '/', StorageType: 'All', MaxResults: '9' }, 400, 'InvalidParameter'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: '/', StorageType: 'All', MaxResults: '129' }, 400, 'InvalidParameter'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: 'relative', StorageType: 'All' }, 400, 'InvalidParameter'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: '/', StorageType: 'All', DirectoryOnly: 'yes' }, 400, 'InvalidParameter'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: '/', StorageType: 'Cold' }, 400, 'InvalidParameter'],
      ['ListDirectoriesAndFiles', { FileSystemId: 'FS', Path: '/nosuch', StorageType: 'All' }, 404, 'InvalidPath.NotFound'],
      ['ListRecentlyRecycledDirectories', { FileSystemId: 'FS', MaxResults: '1001' }, 400, 'InvalidParameter'],
      ['ListRecycledDirectoriesAndFiles', { FileSystemId: 'FS', FileId: 'root', NextToken: 'forged.token' }, 400, 'InvalidParameter.InvalidNextToken'],
      ['ListRecycleBinJobs', { FileSystemId: 'FS', Status: 'Done' }, 400, 'InvalidParameter'],
      ['ListRecycleBinJobs', { FileSystemId: 'FS', PageSize: '101' }, 400, 'InvalidParameter'],
      ['ListRecycleBinJobs', { FileSystemId: 'FS', PageNumber: '0' }, 400, 'InvalidParameter'],
      ['DescribeFileSystems', { PageSize: '0' }, 400, 'InvalidParameter'],
      ['CreateFileSystem', { ProtocolType: 'FTP', StorageType: 'Performance' }, 400, 'InvalidParameter'],
      ['CreateFileSystem', { ProtocolType: 'NFS', StorageType: 'Performance', ClientToken: 'é' }, 400, 'InvalidParameter'],
      ['CreateFileSystem', { ProtocolType: 'NFS', StorageType: 'Performance', Description: 'x'.repeat(129) }, 400, 'InvalidParameter'],
      // Things that are not there, or not allowed now.
      ['GetRecycleBinAttribute', { FileSystemId: 'nosuchfs' }, 404, 'InvalidFileSystem.NotFound'],
      ['CreateRecycleBinRestoreJob', { FileSystemId: 'FS', FileId: 'ITEM', TargetFileId: 'nosuchdir' }, 404, 'InvalidTargetFileId.NotFound'],
      ['CreateRecycleBinRestoreJob', { FileSystemId: 'FS', FileId: 'root', TargetFileId: 'root' }, 404, 'InvalidFileId.NotFound'],
      ['ListRecycleBinJobs', { FileSystemId: 'FS', JobId: 'abc' }, 404, 'InvalidJobId.NotFound'],
      ['UpdateRecycleBinAttribute', { FileSystemId: 'OFF', ReservedDays: '5' }, 403, 'OperationDenied.RecycleBinDisabled'],
    ];

    it.each(cases)('%s %j -> %i %s', async (action, params, status, code) => {
      const resolved = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, v === 'FS' ? fs : v === 'OFF' ? disabledFs : v === 'ITEM' ? binItem : v]),
      );
      const before = await snapshot();
      for (const scheme of ['v3', 'v2'] as const) {
        const r = await rawNas(node, { action, params: resolved, scheme, method: scheme === 'v3' ? 'GET' : 'POST' });
        expect({ status: r.status, code: r.json.Code }).toEqual({ status, code });
        if (code.startsWith('Missing') || code === 'IllegalCharacters' || code === 'InvalidParameter') {
          const named = Object.keys(params).find((p) => String(r.json.Message).includes(p)) ?? code.replace(/^Missing/, '');
          expect(String(r.json.Message)).toContain(named);
        }
      }
      expect(await snapshot()).toBe(before);
    });

    it('refuses a parameter given twice', async () => {
      const r = await rawNas(node, { action: 'GetRecycleBinAttribute', params: { FileSystemId: fs }, method: 'POST', form: { FileSystemId: disabledFs } });
      expect([r.status, r.json.Code]).toEqual([400, 'InvalidParameter']);
      expect(r.json.Message).toContain('FileSystemId');
    });
  });
});
