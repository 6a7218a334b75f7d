import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS recyclebin/search_all on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'bin-search' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  /** Every page of a search, with `limit` items a page; the names in answer order. */
  const searchAll = async (query: string | undefined, limit = 2) => {
    const items: Json[] = [];
    let marker = '';
    do {
      const page = await pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, ...(query !== undefined && { query }), limit, marker });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...(page.items as Json[]));
      marker = page.next_marker as string;
    } while (marker);
    return items;
  };
  const trash = (fileId: string) => pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: fileId }, 202);

  it('finds bin items only, with the query language of file/search, newest trashed first, in keyset pages', async () => {
    const docs = await makeFolder(pds, driveId, 'root', 'docs');
    const inside = await uploadFile(pds, driveId, docs.file_id, 'report-inside.txt', 'x');
    const r1 = await uploadFile(pds, driveId, 'root', 'report-1.txt', 'x');
    const r2 = await uploadFile(pds, driveId, docs.file_id, 'Report-2.txt', 'x');
    const r3 = await uploadFile(pds, driveId, 'root', 'report-3.txt', 'x');
    const photos = await makeFolder(pds, driveId, 'root', 'report photos');
    await uploadFile(pds, driveId, 'root', 'report-live.txt', 'x');
    await trash(r1.file_id);
    await trash(r2.file_id);
    await trash(docs.file_id);
    await trash(r3.file_id);
    await trash(photos.file_id);

    const found = await searchAll('name match "report"');
    // Newest trashed first; the live file and the file inside the trashed folder are no items.
    expect(found.map((i) => i.name)).toEqual(['report photos', 'report-3.txt', 'Report-2.txt', 'report-1.txt']);
    expect(found.map((i) => i.file_id)).not.toContain(inside.file_id);
    const bin = await pds.ok('/v2/recyclebin/list', { drive_id: driveId });
    const listed = new Map((bin.items as Json[]).map((i) => [i.file_id, i]));
    for (const item of found) expect(item).toEqual(listed.get(item.file_id));
    expect(found[0]).toMatchObject({ trashed: true, original_path: '/report photos', original_parent_file_id: 'root', auto_delete_left_sec: expect.any(Number) });

    expect((await searchAll('name match "report" and type = "folder"')).map((i) => i.name)).toEqual(['report photos']);
    expect((await searchAll(`parent_file_id = "${docs.file_id}"`)).map((i) => i.name)).toEqual(['Report-2.txt']);
    expect((await searchAll('name = "report-3.txt" or name = "docs"')).map((i) => i.name)).toEqual(['report-3.txt', 'docs']);
    expect(await searchAll('name = "report-live.txt"')).toEqual([]);
    // No query: every bin item, as the bin lists them.
    expect((await searchAll(undefined, 5)).map((i) => i.file_id)).toEqual((bin.items as Json[]).map((i) => i.file_id));
    expect((await searchAll('', 5)).length).toBe(5);
  });

  it('refuses a bad query, limit, order_by or marker, and a marker of another search or of the bin list', async () => {
    const call = (body: object) => pds.call('/v2/recyclebin/search_all', { drive_id: driveId, ...body });
    const cases: [object, string, string][] = [
      [{ query: 'name match' }, 'InvalidParameter.Query', 'query'],
      [{ query: 'size > 3' }, 'InvalidParameter.Query', 'query'],
      [{ query: 5 }, 'InvalidParameter', 'query'],
      [{ query: `name = "${'x'.repeat(5000)}"` }, 'InvalidParameterOutOfRange', 'query'],
      [{ limit: 0 }, 'InvalidParameterOutOfRange', 'limit'],
      [{ limit: 101 }, 'InvalidParameterOutOfRange', 'limit'],
      [{ limit: '5' }, 'InvalidParameter', 'limit'],
      [{ order_by: 'colour' }, 'InvalidParameter', 'order_by'],
      [{ marker: 'forged.marker' }, 'InvalidParameter', 'marker'],
    ];
    for (const [body, code, named] of cases) {
      const res = await call(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
      expect(res.body.message).toContain(named);
    }
    const first = await pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, query: 'name match "report"', limit: 1 });
    expect(first.next_marker).not.toBe('');
    await pds.fails('/v2/recyclebin/search_all', { drive_id: driveId, query: 'name match "rep"', marker: first.next_marker }, 400, 'InvalidParameter');
    const listed = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 1 });
    await pds.fails('/v2/recyclebin/search_all', { drive_id: driveId, marker: listed.next_marker }, 400, 'InvalidParameter');
    await pds.fails('/v2/recyclebin/list', { drive_id: driveId, marker: first.next_marker }, 400, 'InvalidParameter');
    await pds.fails('/v2/recyclebin/search_all', {}, 400, 'InvalidParameterMissing');
    await pds.fails('/v2/recyclebin/search_all', { drive_id: 'nope' }, 404, 'NotFound.Drive');
    await pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, order_by: 'name' });
  });
});
