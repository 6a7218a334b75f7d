import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type PdsClient, signIn } from '../pds/support/pds-client.js';

/**
 * Issue 13 item 7: `content_type` of /v2/file/create is a media type (RFC 9110: type/subtype
 * with optional parameters, token rules), so every later download can send it back; a
 * file stored before the rule with one no header can carry is served as octet-stream.
 */
const databases = await testDatabases();

describe.each(databases)('content_type on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'types' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const create = (name: string, contentType: string) =>
    pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name, type: 'file', size: 2, content_type: contentType });

  const download = async (fileId: string) => {
    const { url } = await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: fileId });
    return fetch(url as string);
  };

  it('refuses what is not a media type, naming content_type, and creates nothing', async () => {
    const bad = ['text/plain\r\nx-evil: 1', 'text/plain\n', 'text/\u0000plain', 'text/plain\u007f', 'text/plain\u2028', 'text', 'text/', '/plain',
      'a b/c', 'text/plain; charset', 'text/plain; =x', 'text/plain; a="unclosed', 'téxt/plain', 'text/plain; a=é', 'text/plain;a=b c'];
    for (const [i, contentType] of bad.entries()) {
      const res = await create(`bad-${i}`, contentType);
      expect([res.status, res.body.code], JSON.stringify(contentType)).toEqual([400, 'InvalidParameterWrongFormat']);
      expect(res.body.message).toContain('content_type');
    }
    expect((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root' })).items).toEqual([]);
  });

  it('accepts media types with parameters and sends them back on download', async () => {
    for (const [i, contentType] of ['text/plain', 'text/plain; charset=utf-8', 'application/vnd.api+json;q=0.5', 'text/plain; name="a \\"b\\" c"'].entries()) {
      const created = await create(`good-${i}`, contentType);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await fetch(created.body.part_info_list[0].upload_url as string, { method: 'PUT', body: 'ok' })).status).toBe(200);
      await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.body.file_id, upload_id: created.body.upload_id });
      const res = await download(created.body.file_id as string);
      expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, contentType, 'ok']);
    }
  });

  it('serves a file stored earlier with a content type no header can carry as application/octet-stream', async () => {
    const created = await create('old.bin', 'text/plain');
    expect((await fetch(created.body.part_info_list[0].upload_url as string, { method: 'PUT', body: 'ok' })).status).toBe(200);
    await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.body.file_id, upload_id: created.body.upload_id });
    for (const stored of ['text/plain\r\nx', 'text/plain\u2028', 'text/plain\u007f']) {
      await node.salvage.ctx.store.db.updateTable('entries').set({ content_type: stored }).where('id', '=', created.body.file_id).execute();
      const res = await download(created.body.file_id as string);
      expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'application/octet-stream', 'ok']);
    }
  });
});
