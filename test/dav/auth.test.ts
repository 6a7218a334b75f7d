import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { DavClient, userWithDrive } from './support/dav-client.js';

const databases = await testDatabases();

/** Who may use /dav/: HTTP Basic with a password or an access key, never anonymous. */
describe.each(databases)('WebDAV auth on %s', (database) => {
  let node: TestNode;
  let alice: Awaited<ReturnType<typeof userWithDrive>>;
  beforeAll(async () => {
    node = await startTestNode({ database, signInAccountLimit: 3 });
    alice = await userWithDrive(node, 'alice', 'docs');
  });
  afterAll(async () => node?.destroy());

  it('answers 401 with a Basic challenge to no or malformed credentials, on every method and path', async () => {
    for (const [method, path] of [['OPTIONS', '/dav/'], ['PROPFIND', '/dav/docs/'], ['GET', '/dav/docs/x'], ['PUT', '/dav/docs/x'], ['DELETE', '/dav/trashbin/docs/']]) {
      const res = await alice.dav.request(method!, path!, { auth: false, headers: { depth: '0' } });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="Salvage WebDAV", charset="UTF-8"');
      expect(res.text).toContain('<D:error');
    }
    for (const authorization of ['Bearer abc', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
      expect((await alice.dav.request('PROPFIND', '/dav/', { auth: false, headers: { authorization, depth: '0' } })).status).toBe(401);
    }
    // Only the server root's OPTIONS (Windows asks it first) answers without credentials, and names capabilities only.
    const root = await alice.dav.request('OPTIONS', '/', { auth: false });
    expect([root.status, root.headers.get('dav'), root.text]).toEqual([200, '1, 2', '']);
    // Nothing was written by any of them.
    expect((await alice.dav.request('PROPFIND', '/dav/docs/x', { headers: { depth: '0' } })).status).toBe(404);
  });

  it('refuses a wrong password, then throttles the account with 429 and Retry-After', async () => {
    const bob = await userWithDrive(node, 'bob', 'bobs');
    const wrong = new DavClient(node.url, 'bob', 'not-it');
    for (let i = 0; i < 3; i++) expect((await wrong.request('PROPFIND', '/dav/', { headers: { depth: '0' } })).status).toBe(401);
    const throttled = await wrong.request('PROPFIND', '/dav/', { headers: { depth: '0' } });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password is throttled too while the window lasts.
    expect((await bob.dav.request('PROPFIND', '/dav/', { headers: { depth: '0' } })).status).toBe(429);
  });

  it('takes an access key id and its secret as an app password; a disabled user is refused at once', async () => {
    const key = await node.salvage.users.createAccessKey(alice.user.id);
    const app = new DavClient(node.url, key.id, key.secret);
    expect((await app.request('PUT', '/dav/docs/by-key.txt', { body: 'k' })).status).toBe(201);
    expect((await new DavClient(node.url, key.id, 'wrong').request('GET', '/dav/docs/by-key.txt')).status).toBe(401);
    const dave = await userWithDrive(node, 'dave', 'daves');
    expect((await dave.dav.request('PROPFIND', '/dav/daves/', { headers: { depth: '0' } })).status).toBe(207);
    await node.salvage.users.update(node.adminActor, { userId: dave.user.id, status: 'disabled' });
    expect((await dave.dav.request('PROPFIND', '/dav/daves/', { headers: { depth: '0' } })).status).toBe(401);
  });

  it("lists only the user's own drives under /dav/; another's drive is 404 by name or id", async () => {
    const root = await alice.dav.propfind('/dav/', '1');
    expect(root.map((e) => e.href)).toEqual(['/dav/', '/dav/docs/']);
    const other = await userWithDrive(node, 'erin', 'private');
    expect((await alice.dav.request('PROPFIND', '/dav/private/', { headers: { depth: '0' } })).status).toBe(404);
    expect((await alice.dav.request('GET', `/dav/${other.drive.id}/x`)).status).toBe(404);
    expect((await alice.dav.request('PROPFIND', `/dav/trashbin/${other.drive.id}/`, { headers: { depth: '1' } })).status).toBe(404);
    // Its own drive answers by id as well as by name.
    expect((await alice.dav.propfind(`/dav/${alice.drive.id}/`, '0'))[0]!.href).toBe(`/dav/${alice.drive.id}/`);
  });
});
