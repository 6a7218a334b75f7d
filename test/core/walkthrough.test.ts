import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';

const databases = await testDatabases();

const bytes = (s: string) => Readable.from([Buffer.from(s)]);

describe.each(databases)('core walkthrough on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  it('trashes, lists, restores with a (restored) name, and purges', async () => {
    const { salvage, adminActor: me } = node;
    const drive = await salvage.drives.create(me, { name: 'docs', origin: 'pds' });
    const a = (await salvage.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'a' })).entry;
    const b = (await salvage.entries.createFolder(me, { driveId: drive.id, parentId: a.id, name: 'b' })).entry;
    const f = (await salvage.entries.createFile(me, { driveId: drive.id, parentId: b.id, name: 'x.txt', content: bytes('hello') })).entry;
    expect((await salvage.drives.get(me, drive.id)).usedSize).toBe(5);

    await salvage.bin.trash(me, { driveId: drive.id, fileId: a.id });
    await expect(salvage.entries.get(me, { driveId: drive.id, fileId: f.id })).rejects.toMatchObject({ code: 'EntryNotFound' });
    expect((await salvage.entries.list(me, { driveId: drive.id, parentId: 'root' })).items).toHaveLength(0);
    const found = await salvage.entries.search(me, { driveId: drive.id, filter: { kind: 'nameContains', value: 'x' }, scope: 'x' });
    expect(found.items).toHaveLength(0);
    const bin = await salvage.bin.list(me, { driveId: drive.id });
    expect(bin.items.map((i) => i.id)).toEqual([a.id]);
    expect((await salvage.bin.attribute(me, drive.id)).size).toBe(5);
    const inside = await salvage.bin.listInside(me, { driveId: drive.id, folderId: a.id });
    expect(inside.items.map((i) => i.name)).toEqual(['b']);

    await salvage.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'a' });
    const restored = await salvage.bin.restore(me, { driveId: drive.id, fileId: a.id, policy: 'queue' });
    expect(restored.job.state).toBe('succeeded');
    expect(restored.entry?.name).toBe('a (restored)');
    expect((await salvage.entries.get(me, { driveId: drive.id, fileId: f.id })).name).toBe('x.txt');
    expect((await salvage.bin.attribute(me, drive.id)).size).toBe(0);

    const job = await salvage.bin.delete(me, { driveId: drive.id, fileId: a.id, policy: 'queue', binOnly: false });
    const done = await eventually(async () => {
      const j = await salvage.jobs.get(me, String(job.id));
      return j.state === 'succeeded' ? j : undefined;
    });
    expect(done.processed).toBe(3);
    const after = await salvage.drives.get(me, drive.id);
    expect(after.usedSize).toBe(0);
    expect(after.binBytes).toBe(0);
  });

  it('refuses a forged page token and a second NAS job on a busy drive', async () => {
    const { salvage, adminActor: me } = node;
    const drive = await salvage.drives.create(me, { name: 'tokens', origin: 'pds' });
    await expect(salvage.bin.list(me, { driveId: drive.id, token: 'eyJ0IjoxfQ.forged' })).rejects.toMatchObject({
      code: 'InvalidPageToken',
    });
    await expect(salvage.jobs.cancel(me, '999999')).rejects.toMatchObject({ code: 'JobNotFound' });
  });
});
