import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { binOf, DavClient, userWithDrive } from '../dav/support/dav-client.js';

const databases = await testDatabases();

type Role = 'owner' | 'editor' | 'viewer' | 'stranger';
const RANK: Record<Role, number> = { stranger: 0, viewer: 1, editor: 2, owner: 3 };

interface DavCase {
  name: string;
  need: Exclude<Role, 'stranger'>;
  /** Makes what the request acts on (as the owner), and returns the request. */
  request: (w: World) => Promise<{ method: string; path: string; headers?: Record<string, string>; body?: string }>;
}

interface World {
  node: TestNode;
  owner: DavClient;
  unique: (p: string) => string;
}

const file = async (w: World) => {
  const name = w.unique('f');
  expect((await w.owner.request('PUT', `/dav/team/${name}`, { body: 'abc' })).status).toBe(201);
  return `/dav/team/${name}`;
};
const binned = async (w: World) => {
  const path = await file(w);
  expect((await w.owner.request('DELETE', path)).status).toBe(204);
  const bin = await binOf(w.owner, 'team');
  return bin.find((b) => path.endsWith(b.props['trashbin-filename']!))!.href;
};

/** Every WebDAV method, with the role it takes on the drive (docs/webdav.md). */
const CASES: DavCase[] = [
  { name: 'PROPFIND', need: 'viewer', request: async () => ({ method: 'PROPFIND', path: '/dav/team/', headers: { depth: '1' } }) },
  { name: 'GET', need: 'viewer', request: async (w) => ({ method: 'GET', path: await file(w) }) },
  { name: 'HEAD', need: 'viewer', request: async (w) => ({ method: 'HEAD', path: await file(w) }) },
  { name: 'PUT', need: 'editor', request: async (w) => ({ method: 'PUT', path: `/dav/team/${w.unique('p')}`, body: 'x' }) },
  { name: 'PUT over a file', need: 'editor', request: async (w) => ({ method: 'PUT', path: await file(w), body: 'x' }) },
  { name: 'MKCOL', need: 'editor', request: async (w) => ({ method: 'MKCOL', path: `/dav/team/${w.unique('c')}/` }) },
  { name: 'DELETE', need: 'editor', request: async (w) => ({ method: 'DELETE', path: await file(w) }) },
  { name: 'COPY', need: 'editor', request: async (w) => ({ method: 'COPY', path: await file(w), headers: { destination: `/dav/team/${w.unique('copy')}` } }) },
  { name: 'MOVE', need: 'editor', request: async (w) => ({ method: 'MOVE', path: await file(w), headers: { destination: `/dav/team/${w.unique('moved')}` } }) },
  {
    name: 'PROPPATCH',
    need: 'editor',
    request: async (w) => ({
      method: 'PROPPATCH',
      path: await file(w),
      body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x:c xmlns:x="urn:x">1</x:c></D:prop></D:set></D:propertyupdate>',
    }),
  },
  {
    name: 'LOCK',
    need: 'editor',
    request: async (w) => ({
      method: 'LOCK',
      path: await file(w),
      body: '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>',
    }),
  },
  { name: 'PROPFIND trashbin', need: 'viewer', request: async () => ({ method: 'PROPFIND', path: '/dav/trashbin/team/', headers: { depth: '1' } }) },
  {
    name: 'MOVE to trashbin restore',
    need: 'editor',
    request: async (w) => ({ method: 'MOVE', path: await binned(w), headers: { destination: '/dav/trashbin/team/restore/x' } }),
  },
  { name: 'DELETE a bin item', need: 'owner', request: async (w) => ({ method: 'DELETE', path: await binned(w) }) },
  { name: 'DELETE the bin', need: 'owner', request: async () => ({ method: 'DELETE', path: '/dav/trashbin/team/' }) },
];

/**
 * WebDAV over the same roles as every dialect: a viewer reads, an editor writes and
 * trashes and restores, the owner purges; too small a role is 403, and a drive one is no
 * member of is 404, as if it did not exist.
 */
describe.each(databases)('WebDAV roles on %s', (database) => {
  let node: TestNode;
  let world: World;
  const callers = {} as Record<Role, DavClient>;
  beforeAll(async () => {
    node = await startTestNode({ database });
    const owner = await userWithDrive(node, 'olive', 'team');
    let n = 0;
    world = { node, owner: owner.dav, unique: (p) => `${p}-${++n}-${randomBytes(2).toString('hex')}` };
    callers.owner = owner.dav;
    for (const role of ['editor', 'viewer'] as const) {
      const u = await node.salvage.users.create({ name: role, password: `${role}-password` });
      await node.salvage.members.add({ userId: owner.user.id, isAdmin: false }, { driveId: owner.drive.id, userId: u.id, role });
      callers[role] = new DavClient(node.url, role, `${role}-password`);
    }
    await node.salvage.users.create({ name: 'stranger', password: 'stranger-password' });
    callers.stranger = new DavClient(node.url, 'stranger', 'stranger-password');
  });
  afterAll(async () => node?.destroy());

  for (const c of CASES) {
    it(`${c.name} needs ${c.need}`, async () => {
      for (const role of ['stranger', 'viewer', 'editor', 'owner'] as const) {
        const r = await c.request(world);
        const res = await callers[role].request(r.method, r.path, { headers: r.headers, body: r.body });
        const expected = RANK[role] >= RANK[c.need] ? 'allowed' : role === 'stranger' ? 404 : 403;
        if (expected === 'allowed') expect(res.status, `${role}: ${res.text}`).toBeLessThan(300);
        else expect(res.status, `${role}: ${res.text}`).toBe(expected);
      }
    });
  }
});
