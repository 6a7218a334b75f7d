import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { rawNas } from './support/raw.js';
import { requestRules } from './support/sdk-models.js';
import { NAS_ACTIONS as ACTIONS, type NasAction as Action } from './support/actions.js';

/**
 * NAS requests against the rules the official SDK documents for them, read at run time
 * from its request models (support/sdk-models.ts `requestRules`): every required
 * parameter refused when absent, both ends of every range accepted and one past refused,
 * every listed value accepted and others refused. Then what the rules mean: filters
 * filter, DryRun creates nothing, every ListRecycleBinJobs Status works, and the
 * messages are the vendor's.
 */

/**
 * Values a listed value needs beside it to be a valid request (the SDK's docs say so:
 * Subscription needs Duration; an extreme or cpfs file system its own protocol and
 * storage types, a zone, and for cpfs a VPC and vSwitch; EncryptType 2 a KMS key).
 */
const COMPANIONS: Partial<Record<string, Record<string, string>>> = {
  'ChargeType=Subscription': { Duration: '1' },
  'FileSystemType=extreme': { ProtocolType: 'NFS', StorageType: 'standard', ZoneId: 'cn-hangzhou-b' },
  'FileSystemType=cpfs': { ProtocolType: 'cpfs', StorageType: 'advance_100', ZoneId: 'cn-hangzhou-b', VpcId: 'vpc-1', VSwitchId: 'vsw-1' },
  'EncryptType=2': { KmsKeyId: 'key-1' },
};

const databases = await testDatabases();

describe.each(databases)('NAS requests follow the SDK rules on %s', (database) => {
  let node: TestNode;
  let fs: string;
  let binItem: string;
  let jobId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    const { salvage, adminActor: me } = node;
    fs = (await salvage.drives.create(me, { name: 'requests', origin: 'pds' })).id;
    await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'docs' });
    const a = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'a' })).entry;
    await salvage.bin.trash(me, { driveId: fs, fileId: a.id });
    binItem = a.id;
    const b = (await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'b' })).entry;
    await salvage.bin.trash(me, { driveId: fs, fileId: b.id });
    jobId = String((await salvage.bin.restore(me, { driveId: fs, fileId: b.id, targetId: 'root', policy: 'refuse' })).job.id);
  });
  afterAll(async () => node?.destroy());

  /** The smallest valid request of each action. */
  const minimal = (action: Action): Record<string, string> =>
    ({
      CreateFileSystem: { ProtocolType: 'NFS', StorageType: 'Performance' },
      DescribeFileSystems: {},
      DeleteFileSystem: { FileSystemId: fs },
      ListDirectoriesAndFiles: { FileSystemId: fs, Path: '/', StorageType: 'All' },
      EnableRecycleBin: { FileSystemId: fs },
      GetRecycleBinAttribute: { FileSystemId: fs },
      UpdateRecycleBinAttribute: { FileSystemId: fs, ReservedDays: '30' },
      DisableAndCleanRecycleBin: { FileSystemId: fs },
      ListRecentlyRecycledDirectories: { FileSystemId: fs },
      ListRecycledDirectoriesAndFiles: { FileSystemId: fs, FileId: 'root' },
      CreateRecycleBinRestoreJob: { FileSystemId: fs, FileId: binItem, TargetFileId: 'root' },
      CreateRecycleBinDeleteJob: { FileSystemId: fs, FileId: binItem },
      ListRecycleBinJobs: { FileSystemId: fs },
      CancelRecycleBinJob: { JobId: jobId },
    })[action];

  /** Everything a refused request could have changed. */
  async function snapshot(): Promise<string> {
    const { salvage, adminActor: me } = node;
    const drives = await salvage.drives.list(me, { offset: 0, limit: 1000 });
    const bin = await salvage.bin.list(me, { driveId: fs });
    const jobs = await salvage.jobs.list(me, { limit: 100 });
    const attrs = await Promise.all(drives.items.map((d) => salvage.bin.attribute(me, d.id)));
    return JSON.stringify({ drives: drives.items.map((d) => [d.id, d.binEnabled, d.reservedDays]), bin: bin.items.map((i) => i.id), jobs: jobs.items.map((j) => [j.id, j.state]), attrs });
  }

  async function refused(action: Action, params: Record<string, string>, code: string, names: string): Promise<void> {
    const before = await snapshot();
    const r = await rawNas(node, { action, params });
    expect({ status: r.status, code: r.json.Code }, `${action} ${JSON.stringify(params)}: ${r.text}`).toEqual({ status: 400, code });
    expect(String(r.json.Message)).toContain(names);
    expect(await snapshot()).toBe(before);
  }

  async function accepted(action: Action, params: Record<string, string>): Promise<Record<string, unknown>> {
    const r = await rawNas(node, { action, params });
    expect(r.status, `${action} ${JSON.stringify(params)}: ${r.text}`).toBe(200);
    return r.json;
  }

  it('the minimal requests hold every parameter the SDK requires', () => {
    for (const action of ACTIONS) {
      const required = requestRules(action).filter((r) => r.required).map((r) => r.name);
      expect(Object.keys(minimal(action)), action).toEqual(expect.arrayContaining(required));
    }
  });

  it.each(ACTIONS)('%s: each required parameter, when absent, is Missing{Name} and changes nothing', async (action) => {
    for (const rule of requestRules(action).filter((r) => r.required)) {
      const { [rule.name]: _dropped, ...rest } = minimal(action);
      await refused(action, rest, `Missing${rule.name}`, rule.name);
    }
  });

  it.each(ACTIONS)('%s: both ends of each documented range are accepted, one past refused', async (action) => {
    for (const rule of requestRules(action).filter((r) => r.range)) {
      const { min, max } = rule.range!;
      await accepted(action, { ...minimal(action), [rule.name]: String(min) });
      await accepted(action, { ...minimal(action), [rule.name]: String(max) });
      await refused(action, { ...minimal(action), [rule.name]: String(min - 1) }, 'InvalidParameter', rule.name);
      await refused(action, { ...minimal(action), [rule.name]: String(max + 1) }, 'InvalidParameter', rule.name);
      await refused(action, { ...minimal(action), [rule.name]: 'ten' }, 'InvalidParameter', rule.name);
    }
  });

  it.each(ACTIONS)('%s: each documented value is accepted, another refused', async (action) => {
    for (const rule of requestRules(action).filter((r) => r.values)) {
      for (const value of rule.values!) {
        const companions = COMPANIONS[`${rule.name}=${value}`] ?? {};
        await accepted(action, { ...minimal(action), ...companions, [rule.name]: value });
      }
      const wrong = rule.type === 'number' ? String(Math.max(...rule.values!.map(Number)) + 1) : rule.type === 'boolean' ? 'maybe' : 'Bogus';
      await refused(action, { ...minimal(action), [rule.name]: wrong }, 'InvalidParameter', rule.name);
    }
  });

  describe('CreateFileSystem', () => {
    // The SDK's ProtocolType and StorageType docs: which values go with which FileSystemType.
    const kinds = [
      { FileSystemType: 'standard', ProtocolType: ['NFS', 'SMB'], StorageType: ['Performance', 'Capacity', 'Premium'] },
      { FileSystemType: 'extreme', ProtocolType: ['NFS'], StorageType: ['standard', 'advance'] },
      { FileSystemType: 'cpfs', ProtocolType: ['cpfs'], StorageType: ['advance_100', 'advance_200'] },
    ];

    it('accepts every protocol and storage type of each FileSystemType, and refuses them with another', async () => {
      for (const kind of kinds) {
        const base = { ...COMPANIONS[`FileSystemType=${kind.FileSystemType}`], FileSystemType: kind.FileSystemType };
        for (const p of kind.ProtocolType) for (const s of kind.StorageType) await accepted('CreateFileSystem', { ...base, ProtocolType: p, StorageType: s });
        const fine = { ...base, ProtocolType: kind.ProtocolType[0]!, StorageType: kind.StorageType[0]! };
        const wrongProtocol = ['NFS', 'SMB', 'cpfs'].find((p) => !kind.ProtocolType.includes(p))!;
        const wrongStorage = kinds.find((k) => k !== kind)!.StorageType[0]!;
        await refused('CreateFileSystem', { ...fine, ProtocolType: wrongProtocol }, 'InvalidParameter', 'ProtocolType');
        await refused('CreateFileSystem', { ...fine, StorageType: wrongStorage }, 'InvalidParameter', 'StorageType');
      }
    });

    it('requires what an extreme or cpfs file system, a subscription or a KMS key needs', async () => {
      for (const [key, companions = {}] of Object.entries(COMPANIONS)) {
        const [name, value] = key.split('=') as [string, string];
        const full: Record<string, string> = { ProtocolType: 'NFS', StorageType: 'Performance', ...companions, [name]: value };
        for (const needed of Object.keys(companions).filter((c) => c !== 'ProtocolType' && c !== 'StorageType')) {
          const { [needed]: _dropped, ...rest } = full;
          await refused('CreateFileSystem', rest, 'InvalidParameter', needed);
        }
      }
    });

    it('takes a Description of 2 to 128 characters starting with a letter', async () => {
      const ok = minimal('CreateFileSystem');
      await accepted('CreateFileSystem', { ...ok, Description: 'ab' });
      await accepted('CreateFileSystem', { ...ok, Description: `a${'b1:_-'.repeat(21)}b` });
      await refused('CreateFileSystem', { ...ok, Description: 'a' }, 'InvalidParameter', 'Description');
      await refused('CreateFileSystem', { ...ok, Description: 'a'.repeat(129) }, 'InvalidParameter', 'Description');
      await refused('CreateFileSystem', { ...ok, Description: '1abc' }, 'InvalidParameter', 'Description');
      await refused('CreateFileSystem', { ...ok, Description: 'has space' }, 'InvalidParameter', 'Description');
      await refused('CreateFileSystem', { ...ok, Description: 'http://x' }, 'InvalidParameter', 'Description');
    });

    it('takes a ClientToken of at most 64 ASCII characters', async () => {
      const ok = minimal('CreateFileSystem');
      await accepted('CreateFileSystem', { ...ok, ClientToken: 't'.repeat(64) });
      await refused('CreateFileSystem', { ...ok, ClientToken: 't'.repeat(65) }, 'InvalidParameter', 'ClientToken');
    });

    it('takes up to 20 tags with keys and values of at most 128 characters', async () => {
      const ok = minimal('CreateFileSystem');
      await accepted('CreateFileSystem', { ...ok, 'Tag.1.Key': 'k'.repeat(128), 'Tag.1.Value': 'v'.repeat(128), 'Tag.20.Key': 'last', 'Tag.20.Value': 'x' });
      await refused('CreateFileSystem', { ...ok, 'Tag.21.Key': 'k', 'Tag.21.Value': 'v' }, 'InvalidParameter', 'Tag.21');
      await refused('CreateFileSystem', { ...ok, 'Tag.1.Key': 'k'.repeat(129), 'Tag.1.Value': 'v' }, 'InvalidParameter', 'Tag.1.Key');
      await refused('CreateFileSystem', { ...ok, 'Tag.1.Key': 'aliyun-x', 'Tag.1.Value': 'v' }, 'InvalidParameter', 'Tag.1.Key');
      await refused('CreateFileSystem', { ...ok, 'Tag.1.Key': 'k', 'Tag.1.Value': 'https://x' }, 'InvalidParameter', 'Tag.1.Value');
      await refused('CreateFileSystem', { ...ok, 'Tag.1.Key': 'k' }, 'InvalidParameter', 'Tag.1.Value');
    });

    it('makes Capacity (GiB) the quota that DescribeFileSystems reports', async () => {
      const made = await accepted('CreateFileSystem', { ...minimal('CreateFileSystem'), Capacity: '100' });
      const described = await accepted('DescribeFileSystems', { FileSystemId: String(made.FileSystemId) });
      expect((described.FileSystems as { FileSystem: { Capacity: number }[] }).FileSystem[0]!.Capacity).toBe(100);
      await refused('CreateFileSystem', { ...minimal('CreateFileSystem'), Capacity: '0' }, 'InvalidParameter', 'Capacity');
    });

    it('DryRun=true checks everything and creates nothing, not even the client token', async () => {
      const before = await snapshot();
      const dry = await accepted('CreateFileSystem', { ...minimal('CreateFileSystem'), DryRun: 'true', ClientToken: 'dry-run-1' });
      expect(dry.FileSystemId).toBe('');
      expect(await snapshot()).toBe(before);
      await refused('CreateFileSystem', { ProtocolType: 'NFS', DryRun: 'true' }, 'MissingStorageType', 'StorageType');
      await refused('CreateFileSystem', { ProtocolType: 'SMB', StorageType: 'advance', DryRun: 'true' }, 'InvalidParameter', 'StorageType');
      // The token was not spent: a real call with it creates, and a repeat answers the same.
      const real = await accepted('CreateFileSystem', { ...minimal('CreateFileSystem'), ClientToken: 'dry-run-1' });
      expect(real.FileSystemId).toMatch(/^\w+$/);
      const again = await accepted('CreateFileSystem', { ...minimal('CreateFileSystem'), ClientToken: 'dry-run-1' });
      expect(again.FileSystemId).toBe(real.FileSystemId);
    });
  });

  describe('DescribeFileSystems filters', () => {
    const idsOf = (body: Record<string, unknown>) => (body.FileSystems as { FileSystem: { FileSystemId: string; FileSystemType: string }[] }).FileSystem;

    it('FileSystemType filters, alone, as a list, and with FileSystemId; TotalCount counts the matches', async () => {
      const extreme = String((await accepted('CreateFileSystem', { ...COMPANIONS['FileSystemType=extreme'], FileSystemType: 'extreme' })).FileSystemId);
      const cpfs = String((await accepted('CreateFileSystem', { ...COMPANIONS['FileSystemType=cpfs'], FileSystemType: 'cpfs' })).FileSystemId);
      const all = await accepted('DescribeFileSystems', { PageSize: '100' });
      for (const [filter, types] of [['standard', ['standard']], ['extreme', ['extreme']], ['cpfs', ['cpfs']], ['extreme,cpfs', ['extreme', 'cpfs']], ['all', ['standard', 'extreme', 'cpfs']]] as const) {
        const page = await accepted('DescribeFileSystems', { FileSystemType: filter, PageSize: '100' });
        const expected = idsOf(all).filter((f) => (types as readonly string[]).includes(f.FileSystemType));
        expect(idsOf(page), filter).toEqual(expected);
        expect(page.TotalCount).toBe(expected.length);
      }
      expect(idsOf(await accepted('DescribeFileSystems', { FileSystemType: 'extreme', FileSystemId: extreme })).map((f) => f.FileSystemId)).toEqual([extreme]);
      expect(idsOf(await accepted('DescribeFileSystems', { FileSystemType: 'standard', FileSystemId: cpfs }))).toEqual([]);
      await refused('DescribeFileSystems', { FileSystemType: 'standard,nfs' }, 'InvalidParameter', 'FileSystemType');
    });

    it('VpcId, ResourceGroupId and Tag filters match nothing: no Salvage file system has one', async () => {
      const filters: Record<string, string>[] = [{ VpcId: 'vpc-1' }, { ResourceGroupId: 'rg-1' }, { 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }];
      for (const filter of filters) {
        const page = await accepted('DescribeFileSystems', filter);
        expect([idsOf(page), page.TotalCount]).toEqual([[], 0]);
      }
    });
  });

  it('ListRecycleBinJobs: every documented Status filters, All and all list every job', async () => {
    const everything = await accepted('ListRecycleBinJobs', { FileSystemId: fs });
    const jobs = everything.Jobs as { Id: string; Status: string }[];
    expect(jobs.map((j) => j.Id)).toContain(jobId);
    for (const status of requestRules('ListRecycleBinJobs').find((r) => r.name === 'Status')!.values!) {
      const page = await accepted('ListRecycleBinJobs', { FileSystemId: fs, Status: status });
      const expected = status === 'all' ? jobs : jobs.filter((j) => j.Status === status);
      expect(page.Jobs, status).toEqual(expected);
      expect(page.TotalCount).toBe(expected.length);
    }
    expect((await accepted('ListRecycleBinJobs', { FileSystemId: fs, Status: 'All' })).Jobs).toEqual(jobs);
  });

  it('ListDirectoriesAndFiles: All lists files and directories, DirectoryOnly directories, the other classes none', async () => {
    const { salvage, adminActor: me } = node;
    await salvage.entries.createFolder(me, { driveId: fs, parentId: 'root', name: 'x' });
    const names = async (extra: Record<string, string>) =>
      ((await accepted('ListDirectoriesAndFiles', { FileSystemId: fs, Path: '/', ...extra })).Entries as { Type: string }[]).map((e) => e.Type);
    expect(await names({ StorageType: 'All' })).toContain('Directory');
    expect((await names({ StorageType: 'All', DirectoryOnly: 'true' })).every((t) => t === 'Directory')).toBe(true);
    expect(await names({ StorageType: 'InfrequentAccess' })).toEqual([]);
    expect(await names({ StorageType: 'Archive' })).toEqual([]);
  });

  it('answers with the vendor messages, ids filled in', async () => {
    const cases: [Action, Record<string, string>, number, string, string][] = [
      ['GetRecycleBinAttribute', { FileSystemId: 'nosuchfs' }, 404, 'InvalidFileSystem.NotFound', 'The specified file system does not exist.'],
      ['ListDirectoriesAndFiles', { FileSystemId: fs, Path: '/no/such', StorageType: 'All' }, 404, 'InvalidPath.NotFound', 'The specified Path(/no/such) does not exist.'],
      ['CreateRecycleBinDeleteJob', { FileSystemId: fs, FileId: 'nosuchfile' }, 404, 'InvalidFileId.NotFound', 'The specified FileId(nosuchfile) does not exist.'],
      ['CancelRecycleBinJob', { JobId: '424242' }, 404, 'InvalidJobId.NotFound', 'The specified JobId(424242) does not exist.'],
      ['CancelRecycleBinJob', {}, 400, 'MissingJobId', 'JobId is mandatory for this action.'],
      ['ListRecycledDirectoriesAndFiles', { FileSystemId: fs }, 400, 'MissingFileId', 'FileId is mandatory for this action.'],
      ['ListRecycledDirectoriesAndFiles', { FileSystemId: fs, FileId: 'root', NextToken: 'forged' }, 400, 'InvalidParameter.InvalidNextToken', 'The specified NextToken is invalid.'],
    ];
    for (const [action, params, status, code, message] of cases) {
      const r = await rawNas(node, { action, params });
      expect([r.status, r.json.Code, r.json.Message]).toEqual([status, code, message]);
    }
  });
});
