import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { hasWebdavClients } from './support/clients.js';
import { binOf, userWithDrive } from './support/dav-client.js';
import { rcloneFor, writeTree } from './support/rclone.js';

const databases = await testDatabases();
const present = hasWebdavClients('WebDAV rclone suite');

/** 1,000 files on SQLite; PostgreSQL runs the same steps on a smaller tree (the suite's time budget). */
const SHAPE = { sqlite: { folders: 10, files: 100 }, postgres: { folders: 4, files: 25 } } as const;

/**
 * rclone (Debian package rclone) with a `webdav` remote: copies a tree up, syncs a change
 * (the overwritten version goes to the bin), syncs deletions (the deleted files go to the
 * bin), and what is in the bin is found over /dav/trashbin/ and restored by MOVE.
 */
describe.skipIf(!present).each(databases)('rclone on %s', (database) => {
  let node: TestNode;
  let tmp: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    tmp = await mkdtemp(join(tmpdir(), 'salvage-rclone-'));
  });
  afterAll(async () => {
    await node?.destroy();
    await rm(tmp, { recursive: true, force: true });
  });

  it('copies a tree up, syncs a change and deletions into the bin, and restores from it', async () => {
    const { dav, drive } = await userWithDrive(node, 'alice', 'docs');
    const local = join(tmp, 'tree');
    const shape = SHAPE[database];
    const paths = await writeTree(local, shape.folders, shape.files);
    const rclone = await rcloneFor({ url: `${node.url}/dav/docs`, user: 'alice', password: 'alice-password', configDir: tmp });

    await rclone('copy', local, 'salvage:tree');
    const listed = (await rclone('lsf', '-R', '--files-only', 'salvage:tree')).trim().split('\n').sort();
    expect(listed).toEqual([...paths].sort());
    expect(await rclone('check', local, 'salvage:tree')).toBe('');

    // A changed file: the new content replaces it, the old one goes to the bin.
    await writeFile(join(local, 'd0/f0.txt'), 'changed\n');
    await rclone('sync', local, 'salvage:tree');
    expect(await rclone('cat', 'salvage:tree/d0/f0.txt')).toBe('changed\n');

    // Deletions: each deleted file is a bin item, with where it was and who deleted it.
    const deleted = ['d1/f1.txt', 'd1/f2.txt', 'd2/f3.txt', 'd3/f4.txt'];
    for (const p of deleted) await unlink(join(local, p));
    await rclone('sync', local, 'salvage:tree');
    expect(await rclone('check', local, 'salvage:tree')).toBe('');
    const bin = await binOf(dav, 'docs');
    const byPlace = new Map(bin.map((b) => [b.props['trashbin-original-location'], b]));
    for (const p of ['d0/f0.txt', ...deleted]) {
      const item = byPlace.get(`tree/${p}`);
      expect(item, `tree/${p} in the bin`).toBeDefined();
      expect(item!.props['trashbin-deleted-by-display-name']).toBe('alice');
      expect(Number(item!.props['trashbin-deletion-time'])).toBeGreaterThan(0);
    }
    expect(bin).toHaveLength(deleted.length + 1);

    // Restored by MOVE into restore/: back where they were; the old version of the changed
    // file comes back beside the new one, as `f0 (restored).txt`.
    for (const p of ['d0/f0.txt', ...deleted]) {
      const href = byPlace.get(`tree/${p}`)!.href;
      const res = await dav.request('MOVE', href, { headers: { destination: `${node.url}/dav/trashbin/docs/restore/x` } });
      expect(res.status, res.text).toBe(201);
    }
    expect(await binOf(dav, 'docs')).toEqual([]);
    for (const p of deleted) expect(await rclone('cat', `salvage:tree/${p}`)).toBe(`content of ${p}\n`);
    expect(await rclone('cat', 'salvage:tree/d0/f0 (restored).txt')).toBe('content of d0/f0.txt\n');
    expect(await rclone('cat', 'salvage:tree/d0/f0.txt')).toBe('changed\n');
    const root = await node.salvage.entries.get(node.adminActor, { driveId: drive.id, fileId: 'root' });
    expect(root.treeCount).toBe(1 + 1 + shape.folders + paths.length + 1);
    // rclone sends about four requests per file (MKCOL, PROPFIND, PUT, ...): on a loaded 2-core machine this takes a while.
  }, 180_000);
});
