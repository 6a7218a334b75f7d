import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkFill } from '../crash/bulk-fill.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { parseMultistatus, userWithDrive } from './support/dav-client.js';

const databases = await testDatabases();

/**
 * A folder of 10,000 entries answers one PROPFIND (Depth 1) as one streamed multistatus:
 * written a keyset page (1,000 entries) at a time as the store hands them out, so the
 * server never holds the listing, and the client sees the first entries before the last
 * are read.
 */
describe.each(databases)('a 10,000-entry folder over WebDAV on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  it('is listed by one streamed PROPFIND with every entry', async () => {
    const { dav, drive, user } = await userWithDrive(node, 'lee', 'big');
    await bulkFill(node.salvage, { userId: user.id, isAdmin: false }, drive.id, ['root'], { folders: 1, filesPerFolder: 500, emptyPerFolder: 9_500 });
    const res = await fetch(`${node.url}/dav/big/b0/`, { method: 'PROPFIND', headers: { authorization: dav.authorization, depth: '1' } });
    expect(res.status).toBe(207);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    // Counted by pattern: a DOM of 10,001 responses costs the test more than the server.
    const text = Buffer.concat(chunks).toString('utf8');
    const hrefs = [...text.matchAll(/<D:href>([^<]*)<\/D:href>/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(10_001);
    expect(hrefs[0]).toBe('/dav/big/b0/');
    expect(new Set(hrefs).size).toBe(10_001);
    expect(text.match(/<D:collection\/>/g)).toHaveLength(9_501);
    expect(text.match(/<D:getcontentlength>\d+<\/D:getcontentlength>/g)).toHaveLength(500);
    // The first and the last entries are well-formed responses.
    expect(parseMultistatus(`${text.slice(0, text.indexOf('</D:response>') + 13)}</D:multistatus>`)[0]!.collection).toBe(true);
  });
});
