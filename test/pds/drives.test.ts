import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, type PdsClient, signIn } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS drives on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  it('creates, gets, updates and deletes a drive', async () => {
    const created = await pds.ok('/v2/drive/create', { drive_name: 'photos', total_size: 1000, description: 'holiday' }, 201);
    expect(created).toEqual({ domain_id: 'salvage', drive_id: expect.stringMatching(/^[0-9a-f]{10}$/) });
    const drive = await pds.ok('/v2/drive/get', { drive_id: created.drive_id });
    expect(drive).toMatchObject({ drive_id: created.drive_id, drive_name: 'photos', owner: node.adminActor.userId, total_size: 1000, used_size: 0, status: 'enabled', description: 'holiday' });
    expect(drive.created_at).toMatch(/Z$/);
    // A PDS drive starts with its bin on, 30 days' retention (SPEC section 1).
    const attr = await node.salvage.bin.attribute(node.adminActor, created.drive_id);
    expect(attr).toMatchObject({ enabled: true, reservedDays: 30 });

    const updated = await pds.ok('/v2/drive/update', { drive_id: created.drive_id, drive_name: 'pictures', total_size: -1 });
    expect(updated).toMatchObject({ drive_name: 'pictures', total_size: -1, description: 'holiday' });
    const del = await pds.call('/v2/drive/delete', { drive_id: created.drive_id });
    expect(del.status).toBe(204);
    expect(del.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
    await pds.fails('/v2/drive/get', { drive_id: created.drive_id }, 404, 'NotFound.Drive');
    await pds.fails('/v2/drive/delete', { drive_id: created.drive_id }, 404, 'NotFound.Drive');
  });

  it('takes a drive_name up to the SDK\'s 1,024 characters, and refuses one more', async () => {
    const long = 'n'.repeat(1024);
    const created = await pds.ok('/v2/drive/create', { drive_name: long }, 201);
    expect((await pds.ok('/v2/drive/get', { drive_id: created.drive_id })).drive_name).toBe(long);
    const res = await pds.fails('/v2/drive/create', { drive_name: `${long}n` }, 400, 'InvalidParameterOutOfRange');
    expect(res.message).toContain('drive_name');
    const other = `${'m'.repeat(1023)}é`;
    expect((await pds.ok('/v2/drive/update', { drive_id: created.drive_id, drive_name: other })).drive_name).toBe(other);
    expect((await pds.fails('/v2/drive/update', { drive_id: created.drive_id, drive_name: `${other}x` }, 400, 'InvalidParameterOutOfRange')).message).toContain('drive_name');
    expect((await pds.ok('/v2/drive/get', { drive_id: created.drive_id })).drive_name).toBe(other);
  });

  it('lists drives in pages with signed markers', async () => {
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) made.add((await pds.ok('/v2/drive/create', { drive_name: `list-${i}` }, 201)).drive_id);
    const seen: string[] = [];
    let marker = '';
    do {
      const page = await pds.ok('/v2/drive/list', { limit: 2, marker });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page.items as Json[]).map((d) => d.drive_id as string));
      marker = page.next_marker;
    } while (marker);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of made) expect(seen).toContain(id);
    await pds.fails('/v2/drive/list', { marker: 'MTA.forged' }, 400, 'InvalidParameter');
    await pds.fails('/v2/drive/list', { limit: 101 }, 400, 'InvalidParameterOutOfRange');
  });

  it('checks every field, naming it', async () => {
    const cases: Array<[string, object, string, string]> = [
      ['/v2/drive/create', {}, 'InvalidParameterMissing', 'drive_name'],
      ['/v2/drive/create', { drive_name: 5 }, 'InvalidParameter', 'drive_name'],
      ['/v2/drive/create', { drive_name: 'x'.repeat(1025) }, 'InvalidParameterOutOfRange', 'drive_name'],
      ['/v2/drive/create', { drive_name: 'x', total_size: -2 }, 'InvalidParameterOutOfRange', 'total_size'],
      ['/v2/drive/create', { drive_name: 'x', total_size: 1.5 }, 'InvalidParameter', 'total_size'],
      ['/v2/drive/create', { drive_name: 'x', total_size: '10' }, 'InvalidParameter', 'total_size'],
      ['/v2/drive/create', { drive_name: 'x', owner: 'no/such' }, 'InvalidParameterWrongFormat', 'owner'],
      ['/v2/drive/create', { drive_name: 'x', owner: 'u-nobody' }, 'InvalidParameter', 'owner'],
      ['/v2/drive/create', { drive_name: 'x', description: 'd'.repeat(1025) }, 'InvalidParameterOutOfRange', 'description'],
      ['/v2/drive/get', {}, 'InvalidParameterMissing', 'drive_id'],
      ['/v2/drive/get', { drive_id: 'a b' }, 'InvalidParameterWrongFormat', 'drive_id'],
      ['/v2/drive/get', { drive_id: 'x'.repeat(129) }, 'InvalidParameterWrongFormat', 'drive_id'],
      ['/v2/drive/get', { drive_id: ['x'] }, 'InvalidParameter', 'drive_id'],
      ['/v2/drive/update', { drive_id: 'abc', total_size: 'big' }, 'InvalidParameter', 'total_size'],
      ['/v2/drive/list', { limit: 0 }, 'InvalidParameterOutOfRange', 'limit'],
      ['/v2/drive/list', { owner: 7 }, 'InvalidParameter', 'owner'],
    ];
    for (const [path, body, code, field] of cases) {
      const res = await pds.fails(path, body, 400, code);
      expect(res.message, `${path} ${JSON.stringify(body)}`).toContain(field);
    }
  });
});
