import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { JobsClient } from '../jobs/support/jobs-client.js';
import { rawNas } from '../nas/support/raw.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile } from '../pds/support/pds-client.js';

/**
 * Issue 13 item 7: a NUL (or a lone surrogate) in any string field of any operation is
 * refused with the dialect's invalid-parameter error naming the field, never a 500 (as
 * PostgreSQL's text type would answer), and changes nothing, on both databases.
 */
const databases = await testDatabases();
const ODD = ['x\u0000y', 'x\ud800y'];

/** Every row of every table the API can write, as one comparable text. */
async function snapshot(node: TestNode): Promise<string> {
  const db = node.salvage.ctx.store.db;
  const tables = ['users', 'access_keys', 'drives', 'entries', 'jobs', 'uploads', 'upload_parts', 'recycled_dirs', 'sessions', 'signature_nonces', 'idempotency'] as const;
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = await db.selectFrom(t).selectAll().execute();
    out[t] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
  }
  return JSON.stringify(out);
}

describe.each(databases)('a NUL or lone surrogate in any string field on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  let spareDriveId: string;
  let file: Json;
  let trashed: Json;
  let uploading: Json;
  let bobId: string;
  let keyId: string;
  let refreshToken: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    refreshToken = (await pds.ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' })).refresh_token;
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'nul' }, 201)).drive_id;
    spareDriveId = (await pds.ok('/v2/drive/create', { drive_name: 'spare' }, 201)).drive_id;
    await makeFolder(pds, driveId, 'root', 'dir');
    file = await uploadFile(pds, driveId, 'root', 'f.txt', 'abc');
    trashed = await uploadFile(pds, driveId, 'root', 'gone.txt', 'gone');
    expect((await pds.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: trashed.file_id })).status).toBeLessThan(300);
    uploading = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'up.bin', type: 'file', size: 3 }, 201);
    bobId = (await pds.ok('/v2/user/create', { user_name: 'bob', password: 'bob-password-1' }, 201)).user_id;
    keyId = (await pds.ok('/v2/user/access_key/create', { user_id: bobId }, 201)).access_key_id;
  });
  afterAll(async () => node?.destroy());

  /** Each operation with a body it would accept, and the string fields it reads. */
  const pdsCases = (): Array<[string, Json, string[]]> => {
    const d = driveId;
    const f = file.file_id as string;
    return [
      ['/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' }, ['grant_type', 'username', 'password']],
      ['/v2/account/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, ['refresh_token']],
      ['/v2/drive/create', { drive_name: 'new', description: 'd', owner: bobId }, ['drive_name', 'description', 'owner']],
      ['/v2/drive/get', { drive_id: d }, ['drive_id']],
      ['/v2/drive/list', { owner: bobId }, ['owner', 'marker']],
      ['/v2/drive/update', { drive_id: d, drive_name: 'renamed', description: 'about' }, ['drive_id', 'drive_name', 'description']],
      ['/v2/drive/delete', { drive_id: spareDriveId }, ['drive_id']],
      [
        '/v2/file/create',
        { drive_id: d, parent_file_id: 'root', name: 'n.txt', type: 'file', size: 1, content_type: 'text/plain', check_name_mode: 'refuse' },
        ['drive_id', 'parent_file_id', 'name', 'type', 'content_type', 'check_name_mode'],
      ],
      ['/v2/file/complete', { drive_id: d, file_id: uploading.file_id, upload_id: uploading.upload_id }, ['drive_id', 'file_id', 'upload_id']],
      ['/v2/file/get_upload_url', { drive_id: d, file_id: uploading.file_id, upload_id: uploading.upload_id }, ['drive_id', 'file_id', 'upload_id']],
      ['/v2/file/list_uploaded_parts', { drive_id: d, file_id: uploading.file_id, upload_id: uploading.upload_id }, ['drive_id', 'file_id', 'upload_id']],
      ['/v2/file/get', { drive_id: d, file_id: f }, ['drive_id', 'file_id']],
      ['/v2/file/list', { drive_id: d, parent_file_id: 'root', type: 'file', order_by: 'name', order_direction: 'ASC' }, ['drive_id', 'parent_file_id', 'type', 'marker', 'order_by', 'order_direction']],
      ['/v2/file/search', { drive_id: d, query: 'name = "f.txt"', order_by: 'name ASC' }, ['drive_id', 'query', 'order_by', 'marker']],
      ['/v2/file/update', { drive_id: d, file_id: f, name: 'g.txt', check_name_mode: 'refuse' }, ['drive_id', 'file_id', 'name', 'check_name_mode']],
      ['/v2/file/get_download_url', { drive_id: d, file_id: f }, ['drive_id', 'file_id']],
      ['/v2/file/delete', { drive_id: d, file_id: f }, ['drive_id', 'file_id']],
      ['/v2/recyclebin/trash', { drive_id: d, file_id: f }, ['drive_id', 'file_id']],
      ['/v2/recyclebin/list', { drive_id: d, order_by: 'name' }, ['drive_id', 'parent_file_id', 'order_by', 'type', 'marker']],
      ['/v2/recyclebin/restore', { drive_id: d, file_id: trashed.file_id }, ['drive_id', 'file_id']],
      ['/v2/recyclebin/clear', { drive_id: d }, ['drive_id']],
      ['/v2/recyclebin/search_all', { drive_id: d, query: 'name = "gone.txt"' }, ['drive_id', 'query', 'order_by', 'marker']],
      ['/v2/async_task/get', { async_task_id: 'task1' }, ['async_task_id']],
      ['/v2/file/get_by_path', { drive_id: d, file_path: '/f.txt' }, ['drive_id', 'file_path']],
      ['/v2/file/move', { drive_id: d, file_id: f, to_parent_file_id: 'root', new_name: 'm.txt', check_name_mode: 'refuse', to_drive_id: d }, ['drive_id', 'file_id', 'to_parent_file_id', 'new_name', 'check_name_mode', 'to_drive_id']],
      ['/v2/file/copy', { drive_id: d, file_id: f, to_parent_file_id: 'root', new_name: 'c.txt', to_drive_id: d }, ['drive_id', 'file_id', 'to_parent_file_id', 'new_name', 'to_drive_id']],
      ['/v2/batch', { resource: 'file', requests: [] }, ['resource']],
      ['/v2/user/create', { user_name: 'carol', nick_name: 'C', email: 'c@example.com', password: 'carol-password', role: 'user', status: 'enabled' }, ['user_name', 'nick_name', 'email', 'password', 'role', 'status']],
      ['/v2/user/create', { user_name: 'dave', plain_password: 'dave-password' }, ['plain_password']],
      ['/v2/user/get', { user_id: bobId }, ['user_id']],
      ['/v2/user/list', {}, ['marker']],
      ['/v2/user/update', { user_id: bobId, nick_name: 'B', email: 'b@example.com', password: 'new-password-1', role: 'user', status: 'enabled' }, ['user_id', 'nick_name', 'email', 'password', 'role', 'status', 'old_password']],
      ['/v2/user/delete', { user_id: bobId, drive_policy: 'delete' }, ['user_id', 'drive_policy', 'transfer_to_user_id']],
      ['/v2/user/access_key/create', { user_id: bobId }, ['user_id']],
      ['/v2/user/access_key/list', { user_id: bobId }, ['user_id']],
      ['/v2/user/access_key/update', { access_key_id: keyId, status: 'disabled' }, ['access_key_id', 'status']],
      ['/v2/user/access_key/delete', { access_key_id: keyId }, ['access_key_id']],
    ];
  };

  it('PDS: every string field of every operation answers 400 naming the field, and nothing changes', async () => {
    const before = await snapshot(node);
    const answers: string[] = [];
    for (const [path, base, strings] of pdsCases()) {
      for (const field of strings) {
        for (const odd of ODD) {
          const res = await pds.call(path, { ...base, [field]: odd });
          const seen = `${path} ${field}=${JSON.stringify(odd)}: ${res.status} ${res.body.code} ${res.body.message}`;
          const good = res.status === 400 && /^InvalidParameter/.test(res.body.code) && String(res.body.message).includes(field);
          if (!good) answers.push(seen);
        }
      }
    }
    expect(answers).toEqual([]);
    expect(await snapshot(node)).toBe(before);
  });

  it('PDS batch: a NUL in a sub-request field is refused, in the batch or in the sub-request', async () => {
    const before = await snapshot(node);
    const sub = { id: 'a', method: 'POST', url: '/file/update', body: { drive_id: driveId, file_id: file.file_id, name: 'h.txt' } };
    for (const [key, value] of [['id', 'a\u0000'], ['method', 'PO\u0000ST'], ['url', '/file/up\u0000date']] as const) {
      const res = await pds.call('/v2/batch', { resource: 'file', requests: [{ ...sub, [key]: value }] });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
      expect([res.status, res.body.code]).toEqual([400, 'InvalidParameterWrongFormat']);
      expect(res.body.message).toContain(`requests[0].${key}`);
    }
    const res = await pds.ok('/v2/batch', { resource: 'file', requests: [{ ...sub, body: { ...sub.body, name: 'h\u0000.txt' } }] });
    expect(res.responses[0].status).toBe(400);
    expect(res.responses[0].body.message).toContain('name');
    expect(await snapshot(node)).toBe(before);
  });

  it('Jobs: a NUL in username or password of /v1/auth/login is a 400, no session', async () => {
    const client = new JobsClient(node.url);
    await client.call('GET', '/csrf');
    const before = await snapshot(node);
    for (const body of [{ username: 'ad\u0000min', password: 'admin-password' }, { username: 'admin', password: 'x\u0000' }, { username: '\ud800', password: 'x' }]) {
      const res = await client.call('POST', '/v1/auth/login', { body });
      expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([400, 'InvalidRequest']);
    }
    expect(client.cookies.has('salvage_session')).toBe(false);
    expect(await snapshot(node)).toBe(before);
  });

  /** Each NAS action with parameters it would accept, and the parameters it reads. */
  const nasCases = (): Array<[string, Record<string, string>, string[]]> => {
    const fs = { FileSystemId: driveId };
    return [
      ['DescribeFileSystems', {}, ['FileSystemId', 'FileSystemType', 'PageNumber', 'PageSize', 'ResourceGroupId', 'VpcId', 'Tag.1.Key', 'Tag.1.Value']],
      [
        'CreateFileSystem',
        { ProtocolType: 'NFS', StorageType: 'Performance', FileSystemType: 'standard', ChargeType: 'PayAsYouGo', Description: 'd' },
        ['ProtocolType', 'StorageType', 'FileSystemType', 'ChargeType', 'Description', 'ResourceGroupId', 'SnapshotId', 'Tag.1.Key', 'Tag.1.Value', 'ClientToken', 'DryRun', 'Capacity', 'Bandwidth', 'Duration', 'EncryptType'],
      ],
      ['DeleteFileSystem', { FileSystemId: spareDriveId }, ['FileSystemId']],
      ['EnableRecycleBin', { ...fs, ReservedDays: '3' }, ['FileSystemId', 'ReservedDays']],
      ['GetRecycleBinAttribute', fs, ['FileSystemId']],
      ['UpdateRecycleBinAttribute', { ...fs, ReservedDays: '4' }, ['FileSystemId', 'ReservedDays']],
      ['DisableAndCleanRecycleBin', fs, ['FileSystemId']],
      ['ListRecentlyRecycledDirectories', fs, ['FileSystemId', 'MaxResults', 'NextToken']],
      ['ListRecycledDirectoriesAndFiles', { ...fs, FileId: 'root' }, ['FileSystemId', 'FileId', 'MaxResults', 'NextToken']],
      ['ListDirectoriesAndFiles', { ...fs, Path: '/', StorageType: 'All' }, ['FileSystemId', 'Path', 'StorageType', 'MaxResults', 'NextToken', 'DirectoryOnly']],
      ['CreateRecycleBinRestoreJob', { ...fs, FileId: trashed.file_id, TargetFileId: 'root' }, ['FileSystemId', 'FileId', 'TargetFileId', 'ClientToken']],
      ['CreateRecycleBinDeleteJob', { ...fs, FileId: trashed.file_id }, ['FileSystemId', 'FileId', 'ClientToken']],
      ['ListRecycleBinJobs', fs, ['FileSystemId', 'JobId', 'Status', 'PageNumber', 'PageSize']],
      ['CancelRecycleBinJob', { JobId: '1' }, ['JobId']],
    ];
  };

  it('NAS: every parameter of every action, and Action itself, answers 400 InvalidParameter naming it, and nothing changes', async () => {
    const before = await snapshot(node);
    const answers: string[] = [];
    for (const [action, base, params] of nasCases()) {
      for (const param of [...params, 'Action', 'Version', 'Format', 'RegionId']) {
        for (const odd of ['x\u0000y']) {
          const res = await rawNas(node, {
            action: param === 'Action' ? `${action}${odd}` : action,
            version: param === 'Version' ? odd : undefined,
            params: param === 'Action' || param === 'Version' ? base : { ...base, [param]: odd },
          });
          const good = res.status === 400 && res.json.Code === 'InvalidParameter' && String(res.json.Message).includes(param);
          if (!good) answers.push(`${action} ${param}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
    // A V2-signed request carries its nonce as a parameter, which is stored.
    const v2 = await rawNas(node, { action: 'DescribeFileSystems', scheme: 'v2', nonce: 'n\u0000nce' });
    if (v2.status !== 400) answers.push(`SignatureNonce: ${v2.status} ${v2.text.slice(0, 200)}`);
    expect(answers).toEqual([]);
    expect(await snapshot(node)).toBe(before);
  });
});
