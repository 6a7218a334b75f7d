import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawNas } from '../nas/support/raw.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

/**
 * Who did it (issue 12 item 5): every entry names who created and last changed it, and
 * every bin item who trashed it, by id and by user name, in PDS (file/get, file/list,
 * file/search, recyclebin/list, recyclebin/search_all) and NAS; a deleted user keeps
 * their name there.
 */
describe.each(databases)('who created, changed and trashed what, on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  let adminId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    admin = await signIn(node);
    adminId = node.adminActor.userId;
  });
  afterAll(async () => node?.destroy());

  /** A new user, a client signed in as them, and their default drive. */
  async function newUser(name: string): Promise<{ id: string; pds: PdsClient; drive: string }> {
    const user = await admin.ok('/v2/user/create', { user_name: name, password: `${name}-password` }, 201);
    return { id: user.user_id as string, pds: await signIn(node, name, `${name}-password`), drive: user.default_drive_id as string };
  }
  const actors = (f: Json) => ({
    creator: [f.creator_type, f.creator_id, f.creator_name],
    modifier: [f.last_modifier_type, f.last_modifier_id, f.last_modifier_name],
  });
  const binItems = async (drive: string, body: Json = {}) =>
    (await admin.ok('/v2/recyclebin/list', { drive_id: drive, limit: 100, ...body })).items as Json[];

  it('names the creator and the last modifier of each entry, and who trashed each bin item', async () => {
    const bob = await newUser(`bob-${database}`);
    const bobName = `bob-${database}`;
    // Bob makes a folder and a file in his drive; the admin renames the file there.
    const docs = await makeFolder(bob.pds, bob.drive, 'root', 'docs');
    const file = await uploadFile(bob.pds, bob.drive, docs.file_id, 'plan.txt', 'plan');
    expect(actors(file)).toEqual({ creator: ['User', bob.id, bobName], modifier: ['User', bob.id, bobName] });
    const renamed = await admin.ok('/v2/file/update', { drive_id: bob.drive, file_id: file.file_id, name: 'plan-v2.txt' });
    const both = { creator: ['User', bob.id, bobName], modifier: ['User', adminId, 'admin'] };
    expect(actors(renamed)).toEqual(both);
    expect(actors(await bob.pds.ok('/v2/file/get', { drive_id: bob.drive, file_id: file.file_id }))).toEqual(both);
    const listed = await bob.pds.ok('/v2/file/list', { drive_id: bob.drive, parent_file_id: docs.file_id });
    expect(listed.items.map(actors)).toEqual([both]);
    const found = await bob.pds.ok('/v2/file/search', { drive_id: bob.drive, query: 'name = "plan-v2.txt"' });
    expect(found.items.map(actors)).toEqual([both]);
    expect(actors(await bob.pds.ok('/v2/file/get_by_path', { drive_id: bob.drive, file_path: '/docs/plan-v2.txt' }))).toEqual(both);

    // A copy is the copier's; a move makes the mover the last modifier.
    const copied = await admin.ok('/v2/file/copy', { drive_id: bob.drive, file_id: file.file_id, to_parent_file_id: 'root', new_name: 'copy.txt' }, 201);
    const copy = await bob.pds.ok('/v2/file/get', { drive_id: bob.drive, file_id: copied.file_id });
    expect(actors(copy)).toEqual({ creator: ['User', adminId, 'admin'], modifier: ['User', adminId, 'admin'] });
    await bob.pds.ok('/v2/file/move', { drive_id: bob.drive, file_id: copied.file_id, to_parent_file_id: docs.file_id });
    expect(actors(await admin.ok('/v2/file/get', { drive_id: bob.drive, file_id: copied.file_id }))).toEqual({
      creator: ['User', adminId, 'admin'],
      modifier: ['User', bob.id, bobName],
    });

    // Bob trashes the file, the admin the copy: each bin item names who trashed it.
    await bob.pds.ok('/v2/recyclebin/trash', { drive_id: bob.drive, file_id: file.file_id }, 202);
    await admin.ok('/v2/recyclebin/trash', { drive_id: bob.drive, file_id: copied.file_id }, 202);
    const trashers = (items: Json[]) => Object.fromEntries(items.map((i) => [i.name, [i.trashed_by, i.trashed_by_name]]));
    const expected = { 'plan-v2.txt': [bob.id, bobName], 'copy.txt': [adminId, 'admin'] };
    expect(trashers(await binItems(bob.drive))).toEqual(expected);
    const searched = await bob.pds.ok('/v2/recyclebin/search_all', { drive_id: bob.drive, query: 'type = "file"' });
    expect(trashers(searched.items)).toEqual(expected);
    const inBin = await bob.pds.ok('/v2/file/get', { drive_id: bob.drive, file_id: file.file_id });
    expect(inBin).toMatchObject({ trashed: true, trashed_by: bob.id, trashed_by_name: bobName, creator_name: bobName, last_modifier_name: 'admin' });
    // NAS names them too (Salvage's own fields: the SDK has none for who deleted).
    const nas = await rawNas(node, { action: 'ListRecycledDirectoriesAndFiles', params: { FileSystemId: bob.drive, FileId: docs.file_id } });
    expect(nas.status).toBe(200);
    const nasTrashers = (nas.json.Entries as Json[]).map((e) => [e.Name, e.DeletedByUserId, e.DeletedByUserName]).sort();
    expect(nasTrashers).toEqual([['copy.txt', adminId, 'admin'], ['plan-v2.txt', bob.id, bobName]]);

    // Restoring is a change: the restorer is the last modifier, the creator stays.
    const restore = await admin.ok('/v2/recyclebin/restore', { drive_id: bob.drive, file_id: file.file_id }, 202);
    if (restore.async_task_id) expect((await waitForTask(admin, restore.async_task_id)).state).toBe('Succeed');
    const restored = await bob.pds.ok('/v2/file/get', { drive_id: bob.drive, file_id: file.file_id });
    expect(restored).toMatchObject({ trashed: false, creator_id: bob.id, creator_name: bobName, last_modifier_id: adminId, last_modifier_name: 'admin' });
    expect(restored).not.toHaveProperty('trashed_by');
    expect(restored).not.toHaveProperty('trashed_by_name');

    // Deleted, Bob keeps his name in history, even once a new user takes it.
    await bob.pds.ok('/v2/recyclebin/trash', { drive_id: bob.drive, file_id: docs.file_id }, 202);
    await admin.ok('/v2/user/delete', { user_id: bob.id, drive_policy: 'transfer', transfer_to_user_id: adminId }, 204);
    const newBob = await newUser(bobName);
    expect(newBob.id).not.toBe(bob.id);
    expect(trashers(await binItems(bob.drive))).toEqual({ docs: [bob.id, bobName], 'copy.txt': [adminId, 'admin'] });
    const inside = await binItems(bob.drive, { parent_file_id: docs.file_id });
    expect(inside.map((i) => [i.name, i.creator_name, i.last_modifier_name]).sort()).toEqual([
      ['plan-v2.txt', bobName, 'admin'],
    ]);
    const gone = await rawNas(node, { action: 'ListRecycledDirectoriesAndFiles', params: { FileSystemId: bob.drive, FileId: docs.file_id } });
    expect((gone.json.Entries as Json[]).map((e) => [e.Name, e.DeletedByUserId, e.DeletedByUserName])).toEqual([['plan-v2.txt', bob.id, bobName]]);
  });

  it('names the trashers of a full page of 100 bin items, three people among them', async () => {
    // Carol trashes in her drive, which then passes to Dave when she is deleted; Dave and
    // the admin trash there too. The names of a page come from one lookup of its ids.
    const carol = await newUser(`carol-${database}`);
    const dave = await newUser(`dave-${database}`);
    const folders: Json[] = [];
    for (let i = 0; i < 102; i++) folders.push(await makeFolder(carol.pds, carol.drive, 'root', `f${String(i).padStart(3, '0')}`));
    const byWhom = (i: number) => (i % 3 === 0 ? 'carol' : i % 3 === 1 ? 'dave' : 'admin');
    for (let i = 0; i < 34; i++) await carol.pds.ok('/v2/recyclebin/trash', { drive_id: carol.drive, file_id: folders[i * 3]!.file_id }, 202);
    await admin.ok('/v2/user/delete', { user_id: carol.id, drive_policy: 'transfer', transfer_to_user_id: dave.id }, 204);
    for (let i = 0; i < 102; i++) {
      if (byWhom(i) === 'carol') continue;
      const who = byWhom(i) === 'dave' ? dave.pds : admin;
      await who.ok('/v2/recyclebin/trash', { drive_id: carol.drive, file_id: folders[i]!.file_id }, 202);
    }
    const page = await dave.pds.ok('/v2/recyclebin/list', { drive_id: carol.drive, limit: 100, order_by: 'name', order_direction: 'ASC' });
    expect(page.items).toHaveLength(100);
    expect(page.next_marker).not.toBe('');
    const names = { carol: `carol-${database}`, dave: `dave-${database}`, admin: 'admin' };
    const ids = { carol: carol.id, dave: dave.id, admin: adminId };
    (page.items as Json[]).forEach((item, i) => {
      expect([item.name, item.trashed_by, item.trashed_by_name]).toEqual([folders[i]!.file_name, ids[byWhom(i)], names[byWhom(i)]]);
      expect(item.creator_name).toBe(names.carol);
    });
  });
});
