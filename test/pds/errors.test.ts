import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDS_OPERATIONS } from '../../src/api/pds/operations.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe.each(databases)('PDS error shape on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'errors' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  it('answers unknown paths and methods under /v2 with a JSON 404 and a request id', async () => {
    for (const [method, path] of [['POST', '/v2/nothing'], ['GET', '/v2/file/get'], ['PUT', '/v2/drive/create'], ['GET', '/v2'], ['DELETE', '/v2/content/upload/x/1']]) {
      const res = await fetch(`${node.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('x-ca-request-id')).toMatch(REQUEST_ID);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('NotFound');
      expect(body.message).toContain(path);
    }
  });

  it('answers malformed JSON with 400 InvalidRequestJSONFormat, whatever the content type', async () => {
    const bodies: Array<[string, string]> = [
      ['{"drive_id":', 'application/json'],
      ['[1,2]', 'application/json'],
      ['"text"', 'application/json'],
      ['null', 'application/json'],
      ['drive_id=x', 'application/x-www-form-urlencoded'],
      ['{oops', 'text/plain'],
    ];
    for (const [raw, type] of bodies) {
      const res = await pds.call('/v2/drive/get', undefined, { rawBody: raw, headers: { 'content-type': type } });
      expect([raw, res.status, res.body.code]).toEqual([raw, 400, 'InvalidRequestJSONFormat']);
      expect(res.headers.get('x-ca-request-id')).toMatch(REQUEST_ID);
    }
    const big = await pds.call('/v2/drive/get', undefined, { rawBody: JSON.stringify({ drive_id: driveId, pad: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(400);
    expect(big.body.code).toMatch(/^InvalidParameter/);
  });

  it('treats an empty body as {} (and so names the missing field)', async () => {
    const res = await pds.call('/v2/drive/get', undefined, { rawBody: '' });
    expect([res.status, res.body.code]).toEqual([400, 'InvalidParameterMissing']);
    expect(res.body.message).toContain('drive_id');
  });

  it('never answers 500, whatever the fields hold, and every answer carries a request id', async () => {
    const folder = await makeFolder(pds, driveId, 'root', 'target');
    const file = await uploadFile(pds, driveId, folder.file_id, 'f.txt', 'abc');
    const values: unknown[] = [null, true, 0, -1, 1e300, 2 ** 53, 1.5, '', ' ', 'root', driveId, folder.file_id, file.file_id, '../..', 'a/b', '\u0000', '💥'.repeat(300), 'x'.repeat(5000), [], [1], {}, { a: 1 }, '__proto__'];
    const fieldNames = ['drive_id', 'file_id', 'parent_file_id', 'name', 'type', 'size', 'limit', 'marker', 'query', 'order_by', 'order_direction', 'check_name_mode', 'expire_sec', 'upload_id', 'async_task_id', 'drive_name', 'total_size', 'owner', 'grant_type', 'refresh_token', 'part_info_list'];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const path of Object.keys(PDS_OPERATIONS)) {
      if (path === '/v2/drive/delete' || path === '/v2/file/delete' || path === '/v2/recyclebin/clear' || path === '/v2/recyclebin/trash') continue;
      for (let i = 0; i < 25; i++) {
        const body: Record<string, unknown> = {};
        for (let k = 0; k < 1 + rand(4); k++) body[fieldNames[rand(fieldNames.length)]!] = values[rand(values.length)];
        if (rand(2) === 0) body.drive_id = driveId;
        const res = await pds.call(path, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(res.headers.get('x-ca-request-id')).toMatch(REQUEST_ID);
        if (res.status >= 400) expect(typeof res.body.code).toBe('string');
      }
    }
  });

  it('changes nothing on a refused request', async () => {
    const before = await pds.ok('/v2/drive/get', { drive_id: driveId });
    const folder = await makeFolder(pds, driveId, 'root', 'unchanged');
    const listing = async () => (await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: folder.file_id })).items;
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: folder.file_id, name: 'a/b', type: 'folder' }, 400, 'InvalidParameter');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: folder.file_id, name: 'ok', type: 'link' }, 400, 'InvalidParameter');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: folder.file_id, name: 'ok', type: 'file', size: -1 }, 400, 'InvalidParameterOutOfRange');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: folder.file_id, name: 'ok', type: 'file', part_info_list: [{ part_number: 1 }, { part_number: 10_001 }] }, 400, 'InvalidParameterOutOfRange');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: 'missing', name: 'ok', type: 'folder' }, 404, 'NotFound.File');
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: folder.file_id, name: 'x'.repeat(1025), type: 'folder' }, 400, 'InvalidParameter');
    expect(await listing()).toEqual([]);
    expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).used_size).toBe(before.used_size);
  });

  it('names the field in every InvalidParameter message', async () => {
    const cases: Array<[string, object, string]> = [
      ['/v2/file/get', { drive_id: driveId }, 'file_id'],
      ['/v2/file/get', { drive_id: driveId, file_id: 'a b' }, 'file_id'],
      ['/v2/file/create', { drive_id: driveId, type: 'folder' }, 'name'],
      ['/v2/file/create', { drive_id: driveId, name: 'x' }, 'type'],
      ['/v2/file/create', { drive_id: driveId, name: 'x', type: 'folder', check_name_mode: 'merge' }, 'check_name_mode'],
      ['/v2/file/create', { drive_id: driveId, name: 'x', type: 'file', size: 'ten' }, 'size'],
      ['/v2/file/complete', { drive_id: driveId, file_id: 'abc' }, 'upload_id'],
      ['/v2/file/list', { drive_id: driveId, order_direction: 'UP' }, 'order_direction'],
      ['/v2/file/list', { drive_id: driveId, marker: 5 }, 'marker'],
      ['/v2/recyclebin/list', { drive_id: driveId, limit: 201 }, 'limit'],
      ['/v2/recyclebin/list', { drive_id: driveId, marker: 'nope' }, 'marker'],
      ['/v2/file/get_download_url', { drive_id: driveId, file_id: 'abc', expire_sec: 0 }, 'expire_sec'],
      ['/v2/file/search', { drive_id: driveId, query: 'name = 1' }, 'query'],
    ];
    for (const [path, body, field] of cases) {
      const res = await pds.call(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.code).toMatch(/^InvalidParameter/);
      expect(res.body.message, `${path} ${JSON.stringify(body)}`).toContain(field);
    }
  });
});
