import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS batch on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'batch' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const batch = (requests: unknown, extra: object = {}) => pds.call('/v2/batch', { resource: 'file', requests, ...extra });
  const sub = (id: string, url: string, body?: unknown, method = 'POST') => ({
    id,
    method,
    url,
    ...(body !== undefined && { body }),
    headers: { 'Content-Type': 'application/json' },
  });
  const names = async (parent = 'root') =>
    ((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, limit: 200 })).items as Json[]).map((i) => i.name).sort();

  it('routes each sub-request through the operation that serves it alone, answering in order', async () => {
    const box = await makeFolder(pds, driveId, 'root', 'box');
    const file = await uploadFile(pds, driveId, 'root', 'a.txt', 'abc');
    const res = await batch([
      sub('get', '/file/get', { drive_id: driveId, file_id: file.file_id }),
      sub('move', '/v2/file/move', { drive_id: driveId, file_id: file.file_id, to_parent_file_id: box.file_id, auto_rename: true }),
      sub('rename', '/file/update', { drive_id: driveId, file_id: box.file_id, name: 'crate' }),
      sub('missing', '/file/get', { drive_id: driveId }),
      sub('absent', '/file/get', { drive_id: driveId, file_id: 'nope' }),
      sub('unknown', '/file/teleport', { drive_id: driveId }),
      sub('get-method', '/file/get', { drive_id: driveId, file_id: file.file_id }, 'GET'),
      sub('nobody', '/file/list'),
      sub('folder', '/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'made', type: 'folder' }),
      sub('nested', '/batch', { resource: 'file', requests: [] }),
    ]);
    expect(res.status).toBe(200);
    const responses = res.body.responses as Json[];
    expect(responses.map((r) => r.id)).toEqual(['get', 'move', 'rename', 'missing', 'absent', 'unknown', 'get-method', 'nobody', 'folder', 'nested']);
    const by = new Map(responses.map((r) => [r.id, r]));
    expect(by.get('get')).toEqual({ id: 'get', status: 200, body: { ...file, updated_at: expect.any(String) } });
    expect(by.get('move')).toMatchObject({ status: 200, body: { file_id: file.file_id, exist: false } });
    expect(by.get('rename')).toMatchObject({ status: 200, body: { name: 'crate' } });
    expect(by.get('missing')).toEqual({ id: 'missing', status: 400, body: { code: 'InvalidParameterMissing', message: 'The input parameter file_id is missing.' } });
    expect(by.get('absent')).toMatchObject({ status: 404, body: { code: 'NotFound.File' } });
    expect(by.get('unknown')).toMatchObject({ status: 404, body: { code: 'NotFound', message: 'The resource POST /v2/file/teleport cannot be found.' } });
    expect(by.get('get-method')).toMatchObject({ status: 404, body: { code: 'NotFound' } });
    expect(by.get('nobody')).toMatchObject({ status: 400, body: { code: 'InvalidParameterMissing' } });
    expect(by.get('folder')).toMatchObject({ status: 201, body: { file_name: 'made', type: 'folder' } });
    expect(by.get('nested')).toMatchObject({ status: 400, body: { code: 'InvalidParameter' } });
    expect(await names()).toEqual(['crate', 'made']);
    expect(await names(box.file_id)).toEqual(['a.txt']);
  });

  it('answers each sub-request exactly as the same request sent alone', async () => {
    const other = (await pds.ok('/v2/drive/create', { drive_name: 'other' }, 201)).drive_id;
    const bodies: [string, unknown][] = [
      ['/v2/file/get', { drive_id: driveId, file_id: 'root' }],
      ['/v2/file/list', { drive_id: driveId, limit: 1000 }],
      ['/v2/file/get', { drive_id: 'bad id!', file_id: 'root' }],
      ['/v2/file/move', { drive_id: driveId, file_id: 'root', to_parent_file_id: 'root' }],
      ['/v2/file/get_by_path', { drive_id: driveId, file_path: 'relative' }],
      ['/v2/file/search', { drive_id: driveId, query: 'name match' }],
      ['/v2/recyclebin/search_all', { drive_id: driveId, marker: 'forged' }],
      ['/v2/drive/get', { drive_id: other }],
      ['/v2/async_task/get', { async_task_id: '999999' }],
    ];
    const res = await batch(bodies.map(([url, body], i) => sub(String(i), url, body)));
    for (const [i, [url, body]] of bodies.entries()) {
      const alone = await pds.call(url, body);
      expect(res.body.responses[i], url).toEqual({ id: String(i), status: alone.status, body: alone.body });
    }
  });

  it('authorises each sub-request as its caller: another user gets not-found, and no token gets 401', async () => {
    await node.salvage.users.create({ name: 'mallory', password: 'mallory-password-1' });
    const mallory = await signIn(node, 'mallory', 'mallory-password-1');
    const res = await mallory.call('/v2/batch', {
      resource: 'file',
      requests: [
        sub('1', '/file/get', { drive_id: driveId, file_id: 'root' }),
        sub('2', '/recyclebin/trash', { drive_id: driveId, file_id: 'root' }),
        sub('3', '/drive/delete', { drive_id: driveId }),
      ],
    });
    expect(res.status).toBe(200);
    for (const r of res.body.responses as Json[]) expect(r).toMatchObject({ status: 404, body: { code: 'NotFound.Drive' } });
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).status).toBe('enabled');
    const anonymous = new PdsClient(node.url);
    await anonymous.fails('/v2/batch', { resource: 'file', requests: [sub('1', '/file/get', { drive_id: driveId, file_id: 'root' })] }, 401, 'AccessTokenInvalid');
  });

  it('takes 100 sub-requests and refuses 101, running none of them', async () => {
    const folder = await makeFolder(pds, driveId, 'root', 'many');
    const creates = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => sub(`${prefix}${i}`, '/file/create', { drive_id: driveId, parent_file_id: folder.file_id, name: `${prefix}${i}`, type: 'folder' }));
    const refused = await batch(creates(101, 'no-'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'InvalidParameterOutOfRange', message: expect.stringContaining('requests') });
    expect(await names(folder.file_id)).toEqual([]);
    const taken = await batch(creates(100, 'yes-'));
    expect(taken.status).toBe(200);
    expect((taken.body.responses as Json[]).every((r) => r.status === 201)).toBe(true);
    expect((await names(folder.file_id)).length).toBe(100);
    expect((await batch([])).body).toEqual({ responses: [] });
  });

  it('refuses a malformed batch with a 400 naming the field, before any sub-request runs', async () => {
    const ok = sub('ok', '/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'never', type: 'folder' });
    const cases: [unknown, string, string][] = [
      [{ requests: [ok] }, 'InvalidParameterMissing', 'resource'],
      [{ resource: 'drive', requests: [ok] }, 'InvalidParameter', 'resource'],
      [{ resource: 'file' }, 'InvalidParameterMissing', 'requests'],
      [{ resource: 'file', requests: {} }, 'InvalidParameter', 'requests'],
      [{ resource: 'file', requests: [ok, 'x'] }, 'InvalidParameter', 'requests[1]'],
      [{ resource: 'file', requests: [ok, { ...ok }] }, 'InvalidParameter', 'requests[1].id'],
      [{ resource: 'file', requests: [ok, { ...ok, id: undefined }] }, 'InvalidParameterMissing', 'requests[1].id'],
      [{ resource: 'file', requests: [ok, { ...ok, id: 7 }] }, 'InvalidParameter', 'requests[1].id'],
      [{ resource: 'file', requests: [ok, { ...ok, id: '2', method: undefined }] }, 'InvalidParameterMissing', 'requests[1].method'],
      [{ resource: 'file', requests: [ok, { ...ok, id: '2', method: 'PATCH' }] }, 'InvalidParameter', 'requests[1].method'],
      [{ resource: 'file', requests: [ok, { ...ok, id: '2', url: '' }] }, 'InvalidParameterMissing', 'requests[1].url'],
      [{ resource: 'file', requests: [ok, { ...ok, id: '2', body: [1] }] }, 'InvalidParameter', 'requests[1].body'],
      [{ resource: 'file', requests: [ok, { ...ok, id: '2', headers: 'json' }] }, 'InvalidParameter', 'requests[1].headers'],
    ];
    for (const [body, code, named] of cases) {
      const res = await pds.call('/v2/batch', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
      expect(res.body.message).toContain(named);
    }
    await pds.fails('/v2/batch', undefined, 400, 'InvalidParameterMissing');
    const notJson = await pds.call('/v2/batch', undefined, { rawBody: '{"resource":' });
    expect(notJson.body.code).toBe('InvalidRequestJSONFormat');
    expect(await names()).not.toContain('never');
  });

  it('answers a 204 sub-request without a body', async () => {
    const doomed = (await pds.ok('/v2/drive/create', { drive_name: 'doomed' }, 201)).drive_id;
    const res = await batch([sub('del', 'drive/delete', { drive_id: doomed })]);
    expect(res.body.responses).toEqual([{ id: 'del', status: 204 }]);
    await pds.fails('/v2/drive/get', { drive_id: doomed }, 404, 'NotFound.Drive');
  });
});
