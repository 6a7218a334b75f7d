import { request as httpRequest } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { binOf, type DavClient, userWithDrive } from './support/dav-client.js';

const databases = await testDatabases();

/** Sends `sent` bytes of a PUT that declared `declared`, then cuts the connection. */
function interruptedPut(url: string, authorization: string, declared: number, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'PUT', headers: { authorization, 'content-length': String(declared) } });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(Buffer.alloc(sent, 1), () => setTimeout(() => {
      req.destroy();
      resolve();
    }, 200));
  });
}

const status = async (dav: DavClient, method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  (await dav.request(method, path, { headers, body })).status;

describe.each(databases)('WebDAV protocol on %s', (database) => {
  let node: TestNode;
  let alice: Awaited<ReturnType<typeof userWithDrive>>;
  beforeAll(async () => {
    node = await startTestNode({ database });
    alice = await userWithDrive(node, 'alice', 'docs');
  });
  afterAll(async () => node?.destroy());

  it('refuses PROPFIND at Depth infinity with DAV:propfind-finite-depth, and bad XML with 400', async () => {
    const { dav } = alice;
    for (const headers of [{ depth: 'infinity' }, {}] as Record<string, string>[]) {
      const res = await dav.request('PROPFIND', '/dav/docs/', { headers });
      expect(res.status).toBe(403);
      expect(res.text).toContain('<D:propfind-finite-depth/>');
    }
    expect(await status(dav, 'PROPFIND', '/dav/docs/', { depth: '1' }, '<D:propfind xmlns:D="DAV:"><D:prop>')).toBe(400);
    expect(await status(dav, 'PROPFIND', '/dav/docs/', { depth: '1' }, '<x/>')).toBe(400);
    expect(await status(dav, 'PROPFIND', '/dav/docs/', { depth: '2' })).toBe(400);
    expect(await status(dav, 'PROPPATCH', '/dav/docs/', {}, 'not xml')).toBe(400);
    expect(await status(dav, 'LOCK', '/dav/docs/', {}, '<D:lockinfo xmlns:D="DAV:"><D:locktype><D:write/></D:locktype></D:lockinfo>')).toBe(400);
    expect(await status(dav, 'GET', '/dav/docs/%ZZ')).toBe(400);
    expect(await status(dav, 'COPY', '/dav/docs/nothing', { destination: '/dav/docs/x' })).toBe(404);
  });

  it('serves GET with Range, ETags and If-None-Match, and PUT with If-Match', async () => {
    const { dav } = alice;
    expect(await status(dav, 'PUT', '/dav/docs/r.txt', {}, '0123456789')).toBe(201);
    const part = await dav.request('GET', '/dav/docs/r.txt', { headers: { range: 'bytes=2-4' } });
    expect([part.status, part.text, part.headers.get('content-range')]).toEqual([206, '234', 'bytes 2-4/10']);
    expect(await status(dav, 'GET', '/dav/docs/r.txt', { range: 'bytes=20-' })).toBe(416);
    const etag = (await dav.request('HEAD', '/dav/docs/r.txt')).headers.get('etag')!;
    expect(await status(dav, 'GET', '/dav/docs/r.txt', { 'if-none-match': etag })).toBe(304);
    expect(await status(dav, 'PUT', '/dav/docs/r.txt', { 'if-match': '"other"' }, 'x')).toBe(412);
    expect(await status(dav, 'PUT', '/dav/docs/r.txt', { 'if-none-match': '*' }, 'x')).toBe(412);
    expect(await status(dav, 'PUT', '/dav/docs/r.txt', { 'if-match': etag }, 'new')).toBe(204);
    expect((await dav.request('GET', '/dav/docs/r.txt')).text).toBe('new');
    expect(await status(dav, 'PUT', '/dav/docs/no/such/r.txt', {}, 'x')).toBe(409);
  });

  it('puts a replaced or deleted file in the bin, but purges editor scratch files for good', async () => {
    const { dav, drive, user } = alice;
    await dav.request('MKCOL', '/dav/docs/s/');
    await dav.request('PUT', '/dav/docs/s/report.docx', { body: 'v1' });
    await dav.request('PUT', '/dav/docs/s/report.docx', { body: 'v2' });
    for (const name of ['~$report.docx', '.~lock.report.odt#', '._report.docx', '.DS_Store', 'big.iso.part']) {
      const path = `/dav/docs/s/${encodeURIComponent(name)}`;
      expect(await status(dav, 'PUT', path, {}, 'scratch')).toBe(201);
      expect(await status(dav, 'PUT', path, {}, 'scratch 2')).toBe(204);
      expect(await status(dav, 'DELETE', path)).toBe(204);
      expect(await status(dav, 'GET', path)).toBe(404);
    }
    const bin = (await binOf(dav, 'docs')).filter((b) => b.props['trashbin-original-location']!.startsWith('s/'));
    expect(bin.map((b) => b.props['trashbin-original-location'])).toEqual(['s/report.docx']);
    // The replaced version, and the audit trail saying who did it, by WebDAV.
    const old = await dav.request('GET', bin[0]!.href);
    expect(old.status).toBe(405);
    const trail = (await node.salvage.ctx.store.db.selectFrom('audit').selectAll().where('drive_id', '=', drive.id).orderBy('id').execute()).filter((r) =>
      r.path?.startsWith('/s/'),
    );
    expect(trail.filter((r) => r.action === 'trash').map((r) => [r.dialect, r.actor_id, r.path])).toEqual([['webdav', user.id, '/s/report.docx']]);
    const purges = trail.filter((r) => r.action === 'delete' && r.outcome === 'accepted');
    expect(purges).toHaveLength(10);
    expect(purges.every((r) => r.dialect === 'webdav' && r.detail === 'scratch file')).toBe(true);
    // A folder goes to the bin whole, at once.
    expect(await status(dav, 'DELETE', '/dav/docs/s/')).toBe(204);
    const places = (await binOf(dav, 'docs')).map((b) => b.props['trashbin-original-location']!);
    expect(places.filter((p) => p === 's' || p.startsWith('s/')).sort()).toEqual(['s', 's/report.docx']);
  });

  it('enforces the quota (507, DAV:quota-not-exceeded) and leaves nothing of a refused or interrupted PUT', async () => {
    const small = await userWithDrive(node, 'sam', 'small', 1000);
    const { dav, drive } = small;
    const props = await dav.propfind('/dav/small/', '0', '<D:propfind xmlns:D="DAV:"><D:prop><D:quota-available-bytes/><D:quota-used-bytes/></D:prop></D:propfind>');
    expect(props[0]!.props).toEqual({ 'quota-available-bytes': '1000', 'quota-used-bytes': '0' });
    const over = await dav.request('PUT', '/dav/small/big.bin', { body: Buffer.alloc(2000) });
    expect(over.status).toBe(507);
    expect(over.text).toContain('<D:quota-not-exceeded/>');
    expect(await status(dav, 'PUT', '/dav/small/fits.bin', {}, 'x'.repeat(600))).toBe(201);
    await interruptedPut(`${node.url}/dav/small/cut.bin`, dav.authorization, 300, 100);
    await interruptedPut(`${node.url}/dav/docs/cut.bin`, alice.dav.authorization, 5_000_000, 1_000_000);
    expect(await status(dav, 'GET', '/dav/small/big.bin')).toBe(404);
    expect(await status(dav, 'GET', '/dav/small/cut.bin')).toBe(404);
    expect(await status(alice.dav, 'GET', '/dav/docs/cut.bin')).toBe(404);
    expect((await node.salvage.drives.get(node.adminActor, drive.id)).usedSize).toBe(600);
    // The staged bytes of the cut uploads are removed, not just hidden.
    await eventually(async () => ((await readdir(join(node.dataDir, 'blobs', 'tmp'))).length === 0 ? true : undefined), 10_000);
  });

  it('answers MOVE and COPY with Overwrite, Depth and their refusals', async () => {
    const { dav } = alice;
    await dav.request('MKCOL', '/dav/docs/m/');
    await dav.request('PUT', '/dav/docs/m/a.txt', { body: 'a' });
    await dav.request('PUT', '/dav/docs/m/b.txt', { body: 'b' });
    const dest = (p: string) => ({ destination: `${node.url}/dav/docs/${p}` });
    expect(await status(dav, 'MOVE', '/dav/docs/m/a.txt', { ...dest('m/b.txt'), overwrite: 'F' })).toBe(412);
    expect(await status(dav, 'MOVE', '/dav/docs/m/a.txt', dest('m/b.txt'))).toBe(204);
    expect((await dav.request('GET', '/dav/docs/m/b.txt')).text).toBe('a');
    expect(await status(dav, 'COPY', '/dav/docs/m/', dest('m/m2/'))).toBe(403);
    expect(await status(dav, 'COPY', '/dav/docs/m/', dest('none/m2/'))).toBe(409);
    expect(await status(dav, 'COPY', '/dav/docs/m/', { destination: 'http://elsewhere.example/dav/docs/x' })).toBe(502);
    expect(await status(dav, 'COPY', '/dav/docs/m/', { ...dest('m0/'), depth: '0' })).toBe(201);
    expect((await dav.propfind('/dav/docs/m0/', '1')).length).toBe(1);
    expect(await status(dav, 'COPY', '/dav/docs/m/', dest('m1/'))).toBe(201);
    expect((await dav.request('GET', '/dav/docs/m1/b.txt')).text).toBe('a');
    // The MOVE over b.txt put the old b.txt in the bin.
    expect((await binOf(dav, 'docs')).some((b) => b.props['trashbin-original-location'] === 'm/b.txt')).toBe(true);
  });
});

describe.each(databases)('the bin over WebDAV on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  it('lists, restores (with the restored rule), purges one item and empties the bin', async () => {
    const { dav, drive } = await userWithDrive(node, 'tina', 'stuff');
    await dav.request('MKCOL', '/dav/stuff/f/');
    for (const n of ['a', 'b', 'c']) await dav.request('PUT', `/dav/stuff/f/${n}.txt`, { body: n });
    for (const n of ['a', 'b', 'c']) expect(await status(dav, 'DELETE', `/dav/stuff/f/${n}.txt`)).toBe(204);
    const bin = await binOf(dav, 'stuff');
    expect(bin.map((b) => b.props['trashbin-filename']).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const at = (name: string) => bin.find((b) => b.props['trashbin-filename'] === name)!;
    expect(at('a.txt').props).toMatchObject({ 'trashbin-original-location': 'f/a.txt', 'trashbin-deleted-by-display-name': 'tina', displayname: 'a.txt' });
    expect((await dav.propfind(at('a.txt').href, '0'))[0]!.props['trashbin-filename']).toBe('a.txt');

    // Restore: to where it was; with the name taken, as `a (restored).txt`.
    await dav.request('PUT', '/dav/stuff/f/a.txt', { body: 'new a' });
    const restore = { destination: `${node.url}/dav/trashbin/stuff/restore/a.txt` };
    expect(await status(dav, 'MOVE', at('a.txt').href, restore)).toBe(201);
    expect((await dav.request('GET', `/dav/stuff/f/${encodeURIComponent('a (restored).txt')}`)).text).toBe('a');
    expect(await status(dav, 'MOVE', at('a.txt').href, restore)).toBe(404);
    expect(await status(dav, 'MOVE', at('b.txt').href, { destination: `${node.url}/dav/stuff/b.txt` })).toBe(403);
    expect(await status(dav, 'COPY', at('b.txt').href, restore)).toBe(403);

    // DELETE of an item purges it (a job; it leaves the listing at once), dead properties and all; of the bin, empties it.
    const bId = at('b.txt').href.split('/').pop()!;
    await node.salvage.ctx.store.db.insertInto('dead_properties').values({ drive_id: drive.id, entry_id: bId, ns: 'urn:x', name: 'p', xml: '<x:p xmlns:x="urn:x"/>' }).execute();
    expect(await status(dav, 'DELETE', at('b.txt').href)).toBe(204);
    await eventually(async () =>
      (await node.salvage.ctx.store.db.selectFrom('dead_properties').select('entry_id').where('entry_id', '=', bId).execute()).length === 0 ? true : undefined,
    );
    expect((await binOf(dav, 'stuff')).map((b) => b.props['trashbin-filename'])).toEqual(['c.txt']);
    expect(await status(dav, 'DELETE', '/dav/trashbin/stuff/')).toBe(204);
    expect(await binOf(dav, 'stuff')).toEqual([]);
    await eventually(async () => ((await node.salvage.drives.get(node.adminActor, drive.id)).binBytes === 0 ? true : undefined));
    expect(await status(dav, 'PUT', '/dav/trashbin/stuff/x', {}, 'x')).toBe(405);
    expect(await status(dav, 'PROPFIND', '/dav/trashbin/stuff/', { depth: 'infinity' })).toBe(403);
    expect((await dav.propfind('/dav/trashbin/', '1')).map((e) => e.href)).toEqual(['/dav/trashbin/', '/dav/trashbin/stuff/']);
  });
});

describe('the scratch-file list is a setting', () => {
  it('reads SALVAGE_DAV_PURGE_PATTERNS as comma-separated globs; set but empty purges nothing', () => {
    expect(loadConfig({}, { SALVAGE_DAV_PURGE_PATTERNS: '*.tmp, ~* ,' }).davPurgePatterns).toEqual(['*.tmp', '~*']);
    expect(loadConfig({}, { SALVAGE_DAV_PURGE_PATTERNS: '' }).davPurgePatterns).toEqual([]);
    expect(loadConfig({}, {}).davPurgePatterns).toBeUndefined();
  });

  it('purges what the configured globs match, and bins the default ones it no longer names', async () => {
    const node = await startTestNode({ davPurgePatterns: ['*.tmp'] });
    try {
      const { dav } = await userWithDrive(node, 'pat', 'p');
      for (const name of ['x.tmp', '.DS_Store']) {
        await dav.request('PUT', `/dav/p/${name}`, { body: 'x' });
        expect(await status(dav, 'DELETE', `/dav/p/${name}`)).toBe(204);
      }
      expect((await binOf(dav, 'p')).map((b) => b.props['trashbin-filename'])).toEqual(['.DS_Store']);
    } finally {
      await node.destroy();
    }
  });
});
