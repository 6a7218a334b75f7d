import * as $Nas from '@alicloud/nas20170626';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/api/nas/operations.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { nasClient, noRetries } from './support/clients.js';
import { PdsHelper } from './support/pds.js';
import { rawNas } from './support/raw.js';
import { ModelWalker, parseXml, responseModel } from './support/sdk-models.js';
import { NAS_ACTIONS as ACTIONS } from './support/actions.js';

/**
 * Every NAS answer, field by field, against the official SDK's response models read at
 * run time (support/sdk-models.ts): each of the 14 actions, in JSON and in XML, over a
 * real server. First, the walker is shown to catch each kind of mistake.
 */

describe('the SDK model walker catches what it is meant to catch', () => {
  const fileSystems = new ModelWalker('DescribeFileSystems');
  const listing = new ModelWalker('ListDirectoriesAndFiles');
  const attribute = new ModelWalker('GetRecycleBinAttribute');

  /** A full, conforming DescribeFileSystems answer, built from the model itself. */
  function conforming(): Record<string, unknown> {
    const fill = (model: ReturnType<typeof responseModel>): Record<string, unknown> => {
      const types = model.types();
      return Object.fromEntries(
        Object.entries(model.names()).map(([prop, wire]) => {
          const t = types[prop] as unknown;
          if (t === 'string') return [wire, 'x'];
          if (t === 'number') return [wire, 1];
          if (t === 'boolean') return [wire, true];
          if (typeof t === 'function') return [wire, fill(t as unknown as typeof model)];
          const item = (t as { itemType: unknown }).itemType;
          return [wire, typeof item === 'function' ? [fill(item as unknown as typeof model)] : ['x']];
        }),
      );
    };
    return fill(fileSystems.model);
  }
  const firstFs = (body: Record<string, unknown>) =>
    ((body.FileSystems as Record<string, unknown>).FileSystem as Record<string, unknown>[])[0]!;

  it('passes a conforming answer', () => {
    expect(fileSystems.checkJson(conforming())).toEqual([]);
  });

  it('reports a number sent as a string', () => {
    const body = conforming();
    firstFs(body).Capacity = '100';
    expect(fileSystems.checkJson(body)).toEqual(['DescribeFileSystems.FileSystems.FileSystem[0].Capacity: expected a number, got string "100"']);
  });

  it('reports a missing field, and a missing wrapper', () => {
    const body = conforming();
    delete firstFs(body).RegionId;
    body.FileSystems = [firstFs(body)]; // FileSystems.FileSystem[] flattened to FileSystems[]
    expect(fileSystems.checkJson(body)).toEqual([expect.stringMatching(/^DescribeFileSystems\.FileSystems: expected an object .*got an array$/)]);
    const inner = conforming();
    delete firstFs(inner).RegionId;
    firstFs(inner).MountTargets = []; // MountTargets.MountTarget[] without its wrapper
    expect(fileSystems.checkJson(inner)).toEqual([
      expect.stringMatching(/^DescribeFileSystems\.FileSystems\.FileSystem\[0\]\.MountTargets: expected an object/),
      'DescribeFileSystems.FileSystems.FileSystem[0].RegionId: missing',
    ]);
  });

  it('reports an array where the model has one value, and a wrong boolean', () => {
    const body = conforming();
    firstFs(body).VswIds = { VswId: 'vsw-1' };
    (firstFs(body).Options as Record<string, unknown>).EnableOplock = 'false';
    expect(fileSystems.checkJson(body)).toEqual([
      'DescribeFileSystems.FileSystems.FileSystem[0].Options.EnableOplock: expected a boolean, got string "false"',
      'DescribeFileSystems.FileSystems.FileSystem[0].VswIds.VswId: expected an array, got string "vsw-1"',
    ]);
  });

  it('requires the fields of one Type on entries of that Type only', () => {
    const file = { FileId: 'f', Name: 'a', Type: 'File', Size: 1, Inode: 'f', Owner: '', Atime: '', Mtime: '', Ctime: '', StorageType: 'Standard', RetrieveTime: '' };
    const dir = { FileId: 'd', Name: 'b', Type: 'Directory', Size: 0, Inode: 'd', Owner: '', Atime: '', Mtime: '', Ctime: '', HasInfrequentAccessFile: false, HasArchiveFile: 'false' };
    expect(listing.checkJson({ RequestId: 'r', NextToken: '', Entries: [file, dir] })).toEqual([]);
    const { StorageType: _s, ...fileWithout } = file;
    const { HasInfrequentAccessFile: _h, ...dirWithout } = dir;
    expect(listing.checkJson({ RequestId: 'r', NextToken: '', Entries: [fileWithout, dirWithout] })).toEqual([
      'ListDirectoriesAndFiles.Entries[0].StorageType: missing',
      'ListDirectoriesAndFiles.Entries[1].HasInfrequentAccessFile: missing',
    ]);
    // The SDK's doc comments are what says so: the walker read them.
    const entryModel = (listing.model.types().entries as { itemType: Parameters<typeof listing.typeOnly>[0] }).itemType;
    expect(Object.fromEntries(listing.typeOnly(entryModel))).toMatchObject({ storageType: 'File', retrieveTime: 'File', hasArchiveFile: 'Directory' });
  });

  it('checks XML: a missing element, a number that is not one, text where elements belong', () => {
    const good = '<GetRecycleBinAttributeResponse><RequestId>r</RequestId><RecycleBinAttribute><Status>Enable</Status><ReservedDays>3</ReservedDays><Size>0</Size><SecondarySize>0</SecondarySize><ArchiveSize>0</ArchiveSize><EnableTime></EnableTime></RecycleBinAttribute></GetRecycleBinAttributeResponse>';
    expect(attribute.checkXml(parseXml(good))).toEqual([]);
    const bad = good.replace('<ReservedDays>3</ReservedDays>', '<ReservedDays>three</ReservedDays>').replace('<Size>0</Size>', '');
    expect(attribute.checkXml(parseXml(bad))).toEqual([
      'GetRecycleBinAttributeResponse.RecycleBinAttribute.ReservedDays: expected a number, got "three"',
      'GetRecycleBinAttributeResponse.RecycleBinAttribute.Size: missing',
    ]);
    const flat = '<GetRecycleBinAttributeResponse><RequestId>r</RequestId><RecycleBinAttribute>Enable</RecycleBinAttribute></GetRecycleBinAttributeResponse>';
    expect(attribute.checkXml(parseXml(flat))).toEqual([expect.stringMatching(/RecycleBinAttribute: expected child elements/)]);
  });
});

const databases = await testDatabases();

describe.each(databases)('NAS answers conform to the SDK models on %s', (database) => {
  let node: TestNode;
  let pds: PdsHelper;
  const walked = new Map<string, Set<string>>();
  beforeAll(async () => {
    // No job engine: delete jobs stay queued, so each can be cancelled while it waits.
    node = await startTestNode({ database, jobConcurrency: 0, nasRegionId: 'cn-shanghai' });
    pds = await PdsHelper.login(node);
  });
  afterAll(async () => node?.destroy());

  /** Calls an action in JSON and in XML, walks both answers, and returns the JSON one. */
  async function walk(action: string, params: Record<string, string>, xmlParams = params): Promise<Record<string, unknown>> {
    const walker = new ModelWalker(action);
    const json = await rawNas(node, { action, params });
    expect(json.status, `${action} ${json.text}`).toBe(200);
    expect(walker.checkJson(json.json), `${action} JSON`).toEqual([]);
    const xml = await rawNas(node, { action, params: { ...xmlParams, Format: 'XML' } });
    expect(xml.status, `${action} ${xml.text}`).toBe(200);
    expect(walker.checkXml(parseXml(xml.text)), `${action} XML`).toEqual([]);
    walked.set(action, new Set(['json', 'xml']));
    return json.json;
  }

  it('walks every action in JSON and XML', async () => {
    const made = await walk('CreateFileSystem', { ProtocolType: 'NFS', StorageType: 'Performance', Description: 'conformance' });
    const fs = String(made.FileSystemId);
    await walk('EnableRecycleBin', { FileSystemId: fs, ReservedDays: '7' });
    await walk('UpdateRecycleBinAttribute', { FileSystemId: fs, ReservedDays: '9' });

    const docs = await pds.folder(fs, 'root', 'docs');
    await pds.file(fs, docs, 'kept.txt', 'kept');
    await pds.folder(fs, docs, 'kept-dir');
    const trashed: string[] = [];
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) {
      const id = await pds.file(fs, docs, name, name);
      await pds.trash(fs, id);
      trashed.push(id);
    }
    const gone = await pds.folder(fs, docs, 'gone');
    await pds.file(fs, gone, 'inside.txt', 'inside');
    await pds.trash(fs, gone);

    const described = await walk('DescribeFileSystems', { FileSystemId: fs });
    const one = (described.FileSystems as { FileSystem: Record<string, unknown>[] }).FileSystem;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ RegionId: 'cn-shanghai', ChargeType: 'PayAsYouGo', Capacity: 10485760 });
    await walk('DescribeFileSystems', {});

    const listed = await walk('ListDirectoriesAndFiles', { FileSystemId: fs, Path: '/docs', StorageType: 'All' });
    expect((listed.Entries as { Type: string }[]).map((e) => e.Type).sort()).toEqual(['Directory', 'File']);
    await walk('GetRecycleBinAttribute', { FileSystemId: fs });
    const recent = await walk('ListRecentlyRecycledDirectories', { FileSystemId: fs });
    expect(recent.Entries).toHaveLength(1);
    const deleted = await walk('ListRecycledDirectoriesAndFiles', { FileSystemId: fs, FileId: docs });
    expect((deleted.Entries as { Type: string }[]).map((e) => e.Type).sort()).toEqual(['Directory', 'File', 'File', 'File', 'File']);

    await walk(
      'CreateRecycleBinRestoreJob',
      { FileSystemId: fs, FileId: trashed[0]!, TargetFileId: docs },
      { FileSystemId: fs, FileId: trashed[1]!, TargetFileId: docs },
    );
    // Each delete waits in the queue (no engine) until it is cancelled.
    const json = await rawNas(node, { action: 'CreateRecycleBinDeleteJob', params: { FileSystemId: fs, FileId: trashed[2]! } });
    const xml = await rawNas(node, { action: 'CreateRecycleBinDeleteJob', params: { FileSystemId: fs, FileId: trashed[3]!, Format: 'XML' } });
    expect(json.status, json.text).toBe(200);
    const deleteWalker = new ModelWalker('CreateRecycleBinDeleteJob');
    expect(deleteWalker.checkJson(json.json)).toEqual([]);
    // The second is refused while the first waits: cancel, then ask again in XML.
    expect(xml.status).toBe(403);
    const cancelWalker = new ModelWalker('CancelRecycleBinJob');
    const cancelledJson = await rawNas(node, { action: 'CancelRecycleBinJob', params: { JobId: String(json.json.JobId) } });
    expect(cancelledJson.status, cancelledJson.text).toBe(200);
    expect(cancelWalker.checkJson(cancelledJson.json)).toEqual([]);
    const again = await rawNas(node, { action: 'CreateRecycleBinDeleteJob', params: { FileSystemId: fs, FileId: trashed[3]!, Format: 'XML' } });
    expect(again.status, again.text).toBe(200);
    expect(deleteWalker.checkXml(parseXml(again.text))).toEqual([]);
    walked.set('CreateRecycleBinDeleteJob', new Set(['json', 'xml']));
    const xmlJobId = /<JobId>([^<]+)<\/JobId>/.exec(again.text)![1]!;
    const cancelled = await rawNas(node, { action: 'CancelRecycleBinJob', params: { JobId: xmlJobId, Format: 'XML' } });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelWalker.checkXml(parseXml(cancelled.text))).toEqual([]);
    walked.set('CancelRecycleBinJob', new Set(['json', 'xml']));

    const jobs = await walk('ListRecycleBinJobs', { FileSystemId: fs });
    expect((jobs.Jobs as unknown[]).length).toBeGreaterThanOrEqual(3);

    await walk('DisableAndCleanRecycleBin', { FileSystemId: fs }, { FileSystemId: fs });
    const other = String((await rawNas(node, { action: 'CreateFileSystem', params: { ProtocolType: 'SMB', StorageType: 'Capacity' } })).json.FileSystemId);
    const gone1 = await rawNas(node, { action: 'DeleteFileSystem', params: { FileSystemId: fs } });
    expect(new ModelWalker('DeleteFileSystem').checkJson(gone1.json)).toEqual([]);
    const gone2 = await rawNas(node, { action: 'DeleteFileSystem', params: { FileSystemId: other, Format: 'XML' } });
    expect(new ModelWalker('DeleteFileSystem').checkXml(parseXml(gone2.text))).toEqual([]);
    walked.set('DeleteFileSystem', new Set(['json', 'xml']));

    expect([...walked.keys()].sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(operations).sort()).toEqual([...ACTIONS].sort());
  });

  it('gives the official SDK objects it can walk (no TypeError on the wrappers)', async () => {
    const nas = nasClient(node);
    const created = await nas.createFileSystemWithOptions(new $Nas.CreateFileSystemRequest({ protocolType: 'NFS', storageType: 'Capacity' }), noRetries());
    const fs = created.body!.fileSystemId!;
    const { body } = await nas.describeFileSystemsWithOptions(new $Nas.DescribeFileSystemsRequest({ fileSystemId: fs }), noRetries());
    const one = body!.fileSystems!.fileSystem![0]!;
    expect(one.mountTargets!.mountTarget).toEqual([]);
    expect(one.tags!.tag).toEqual([]);
    expect(one.packages!.package).toEqual([]);
    expect(one.supportedFeatures!.supportedFeature).toEqual([]);
    expect(one.vswIds!.vswId).toEqual([]);
    expect(one.options!.enableOplock).toBe(false);
    expect(one.ldap).toEqual(expect.objectContaining({ bindDN: '', searchBase: '', URI: '' }));
  });
});
