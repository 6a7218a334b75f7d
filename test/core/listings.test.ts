import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/types.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';

const databases = await testDatabases();

/**
 * The listings whose kind the core decides: what was deleted in a folder (NAS
 * ListRecycledDirectoriesAndFiles), inside a folder in the bin (PDS recyclebin/list), and
 * drives by signed token (PDS drive/list).
 */
describe.each(databases)('core listings on %s', (database) => {
  let node: TestNode;
  let me: Actor;
  beforeAll(async () => {
    node = await startTestNode({ database });
    me = node.adminActor;
  });
  afterAll(async () => node?.destroy());

  const folder = async (driveId: string, parentId: string, name: string) =>
    (await node.salvage.entries.createFolder(me, { driveId, parentId, name })).entry.id;
  const purged = async (driveId: string, fileId: string) => {
    const job = await node.salvage.bin.delete(me, { driveId, fileId, policy: 'queue', binOnly: true });
    await eventually(async () => ((await node.salvage.jobs.get(me, String(job.id))).state === 'succeeded' ? true : undefined));
  };

  it('lists what was deleted in a folder: from it while live or gone, inside it while in the bin', async () => {
    const s = node.salvage;
    const driveId = (await s.drives.create(me, { name: 'deleted', origin: 'pds' })).id;
    const parent = await folder(driveId, 'root', 'parent');
    const early = await folder(driveId, parent, 'early');
    const kept = await folder(driveId, parent, 'kept');
    await s.bin.trash(me, { driveId, fileId: early });
    const earlyItem = (await s.bin.list(me, { driveId })).items[0]!;

    const fromLive = await s.bin.listDeleted(me, { driveId, folderId: parent });
    expect(fromLive).toMatchObject({ kind: 'deleted-from', nextToken: '' });
    expect(fromLive.items.map((i) => [i.entry.id, i.deletedAt])).toEqual([[early, earlyItem.trashedAt]]);

    await s.bin.trash(me, { driveId, fileId: parent });
    const parentItem = (await s.bin.list(me, { driveId })).items.find((i) => i.id === parent)!;
    const inside = await s.bin.listDeleted(me, { driveId, folderId: parent });
    expect(inside.kind).toBe('inside-deleted');
    expect(inside.items.map((i) => [i.entry.id, i.deletedAt])).toEqual([[kept, parentItem.trashedAt]]);

    await purged(driveId, parent);
    const fromGone = await s.bin.listDeleted(me, { driveId, folderId: parent });
    expect(fromGone.kind).toBe('deleted-from');
    expect(fromGone.items.map((i) => i.entry.id)).toEqual([early]);

    await purged(driveId, early);
    await expect(s.bin.listDeleted(me, { driveId, folderId: parent })).rejects.toMatchObject({ code: 'EntryNotFound' });
  });

  it('pages each kind with its own tokens, and refuses a file', async () => {
    const s = node.salvage;
    const driveId = (await s.drives.create(me, { name: 'paged', origin: 'pds' })).id;
    const parent = await folder(driveId, 'root', 'parent');
    for (const name of ['a', 'b', 'c']) await s.bin.trash(me, { driveId, fileId: await folder(driveId, parent, name) });
    const first = await s.bin.listDeleted(me, { driveId, folderId: parent, limit: 2 });
    const second = await s.bin.listDeleted(me, { driveId, folderId: parent, limit: 2, token: first.nextToken });
    expect([...first.items, ...second.items].map((i) => i.entry.name)).toEqual(['c', 'b', 'a']);
    expect(second.nextToken).toBe('');
    await s.bin.trash(me, { driveId, fileId: parent });
    // A token of the live folder's listing is no token for the listing inside the bin.
    await expect(s.bin.listDeleted(me, { driveId, folderId: parent, limit: 2, token: first.nextToken })).rejects.toMatchObject({
      code: 'InvalidPageToken',
    });
    const file = (await s.entries.createFile(me, { driveId, parentId: 'root', name: 'f.txt', content: Readable.from([Buffer.from('x')]) })).entry;
    await expect(s.bin.listDeleted(me, { driveId, folderId: file.id })).rejects.toMatchObject({
      code: 'InvalidParameter',
      details: { field: 'fileId' },
    });
  });

  it('lists inside a trashed folder only, with the bin item\'s time; a live folder is not in the bin', async () => {
    const s = node.salvage;
    const driveId = (await s.drives.create(me, { name: 'browse', origin: 'pds' })).id;
    const parent = await folder(driveId, 'root', 'parent');
    await folder(driveId, parent, 'child');
    await expect(s.bin.listInside(me, { driveId, folderId: parent })).rejects.toMatchObject({ code: 'EntryNotFound' });
    await s.bin.trash(me, { driveId, fileId: parent });
    const item = (await s.bin.list(me, { driveId })).items[0]!;
    const inside = await s.bin.listInside(me, { driveId, folderId: parent, field: 'parentId' });
    expect(inside).toMatchObject({ deletedAt: item.trashedAt, nextToken: '' });
    // The bin item's retention, counted down a moment later.
    expect(inside.autoDeleteLeftSec).toBeLessThanOrEqual(item.autoDeleteLeftSec!);
    expect(inside.autoDeleteLeftSec).toBeGreaterThan(item.autoDeleteLeftSec! - 60);
    expect(inside.items.map((e) => e.name)).toEqual(['child']);
    await expect(s.entries.list(me, { driveId, parentId: parent })).rejects.toMatchObject({ code: 'TargetNotFound' });
    await purged(driveId, parent);
    await expect(s.bin.listInside(me, { driveId, folderId: parent, field: 'parentId' })).rejects.toMatchObject({
      code: 'EntryNotFound',
      details: { field: 'parentId' },
    });
  });

  it('pages drives by signed token, good only for the same caller and filter', async () => {
    const s = node.salvage;
    const carol = await s.users.create({ name: 'carol', password: 'carol-password' });
    const asCarol = { userId: carol.id, isAdmin: false };
    const made = [];
    // Made by admin for carol: a user may create only SALVAGE_USER_DRIVE_LIMIT drives herself.
    for (const name of ['c1', 'c2', 'c3', 'c4', 'c5']) made.push((await s.drives.create(me, { name, origin: 'pds', ownerId: carol.id })).id);
    const ids: string[] = [];
    let token = '';
    do {
      const page = await s.drives.page(asCarol, { limit: 2, token });
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((d) => d.id));
      token = page.nextToken;
    } while (token !== '');
    // Oldest first, ties (drives made in the same millisecond) by id: the offset listing's order.
    const all = (await s.drives.list(asCarol, { offset: 0, limit: 100 })).items.map((d) => d.id);
    expect(all.toSorted()).toEqual(made.toSorted());
    expect(ids).toEqual(all);
    const first = await s.drives.page(asCarol, { limit: 2 });
    await expect(s.drives.page(me, { limit: 2, token: first.nextToken })).rejects.toMatchObject({ code: 'InvalidPageToken' });
    const hers = await s.drives.page(me, { ownerId: carol.id, limit: 10 });
    expect(hers.items.map((d) => d.id)).toEqual(all);
  });
});
