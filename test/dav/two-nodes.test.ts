import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, stopTwoNodes, twoNodes } from '../multinode/support/nodes.js';
import type { TestNode } from '../support/node.js';
import { DavClient, userWithDrive } from './support/dav-client.js';

const LOCK = '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>';

/** WebDAV locks live in the database: two nodes on one PostgreSQL store agree on them. */
describe.skipIf(!onPostgres)('WebDAV locks across two nodes', () => {
  const nodes: { a?: TestNode; b?: TestNode } = {};
  beforeAll(async () => Object.assign(nodes, await twoNodes()));
  afterAll(async () => stopTwoNodes(nodes));

  it('a lock taken on one node holds on the other, and its token works there', async () => {
    const { a, b } = nodes as { a: TestNode; b: TestNode };
    const onA = (await userWithDrive(a, 'alice', 'docs')).dav;
    const onB = new DavClient(b.url, 'alice', 'alice-password');
    expect((await onA.request('PUT', '/dav/docs/shared.txt', { body: 'v1' })).status).toBe(201);
    const locked = await onA.request('LOCK', '/dav/docs/shared.txt', { body: LOCK, headers: { timeout: 'Second-600' } });
    expect(locked.status).toBe(200);
    const token = locked.headers.get('lock-token')!;
    expect((await onB.request('PUT', '/dav/docs/shared.txt', { body: 'v2' })).status).toBe(423);
    expect((await onB.request('DELETE', '/dav/docs/shared.txt')).status).toBe(423);
    expect((await onB.request('LOCK', '/dav/docs/shared.txt', { body: LOCK })).status).toBe(423);
    const shown = await onB.propfind('/dav/docs/shared.txt', '0');
    expect(shown[0]!.props.lockdiscovery).toContain(token.slice(1, -1));
    expect((await onB.request('PUT', '/dav/docs/shared.txt', { body: 'v2', headers: { if: `(${token})` } })).status).toBe(204);
    expect((await onB.request('UNLOCK', '/dav/docs/shared.txt', { headers: { 'lock-token': token } })).status).toBe(204);
    expect((await onA.request('PUT', '/dav/docs/shared.txt', { body: 'v3' })).status).toBe(204);
  });
});
