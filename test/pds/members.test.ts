import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawNas } from '../nas/support/raw.js';
import { signedIn } from '../jobs/support/jobs-client.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

/**
 * Shared drives (issue 12 item 3) over HTTP: an owner shares a drive with a viewer and an
 * editor; each role is allowed what docs/pds.md's table says and refused the rest with
 * 403 ForbiddenNoPermission, changing nothing; a stranger is told the drive does not exist.
 */
describe.each(databases)('shared drives on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    admin = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  let seq = 0;
  interface Person {
    id: string;
    name: string;
    password: string;
    driveId: string;
    pds: PdsClient;
  }
  async function person(): Promise<Person> {
    const name = `member${++seq}-${database}`;
    const password = `${name}-password`;
    const user = await admin.ok('/v2/user/create', { user_name: name, password }, 201);
    return { id: user.user_id, name, password, driveId: user.default_drive_id, pds: await signIn(node, name, password) };
  }

  /** An owner's drive with a folder, a file and an item in the bin, shared with a viewer and an editor. */
  async function sharedDrive() {
    const [owner, viewer, editor, stranger] = [await person(), await person(), await person(), await person()];
    const driveId = owner.driveId;
    const folder = await makeFolder(owner.pds, driveId, 'root', 'docs');
    const file = await uploadFile(owner.pds, driveId, folder.file_id, 'plan.txt', 'the plan');
    const binned = await uploadFile(owner.pds, driveId, 'root', 'old.txt', 'old');
    await owner.pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: binned.file_id }, 202);
    await owner.pds.ok('/v2/drive/member/add', { drive_id: driveId, user_id: viewer.id, role: 'viewer' });
    await owner.pds.ok('/v2/drive/member/add', { drive_id: driveId, user_id: editor.id, role: 'editor' });
    return { owner, viewer, editor, stranger, driveId, folder, file, binned };
  }

  /** What a drive holds, as its owner sees it: any refused request must leave it so. */
  async function snapshot(owner: Person, driveId: string) {
    const drive = await owner.pds.ok('/v2/drive/get', { drive_id: driveId });
    const root = await owner.pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root' });
    const bin = await owner.pds.ok('/v2/recyclebin/list', { drive_id: driveId });
    const members = await owner.pds.ok('/v2/drive/member/list', { drive_id: driveId });
    // The seconds left before retention purges an item tick on by themselves: not a change.
    for (const item of bin.items) delete item.auto_delete_left_sec;
    return { drive, root, bin, members };
  }

  it('lists the owner first, then the members; add changes a role; bad requests are 400 or 404', async () => {
    const { owner, viewer, editor, stranger, driveId } = await sharedDrive();
    const listed = await viewer.pds.ok('/v2/drive/member/list', { drive_id: driveId });
    expect(listed.items).toEqual([
      { user_id: owner.id, user_name: owner.name, nick_name: '', role: 'owner', added_at: expect.any(Number) },
      { user_id: viewer.id, user_name: viewer.name, nick_name: '', role: 'viewer', added_at: expect.any(Number) },
      { user_id: editor.id, user_name: editor.name, nick_name: '', role: 'editor', added_at: expect.any(Number) },
    ]);
    await owner.pds.fails('/v2/drive/member/add', { drive_id: driveId, user_id: owner.id, role: 'viewer' }, 400, 'InvalidParameter');
    await owner.pds.fails('/v2/drive/member/add', { drive_id: driveId, user_id: 'u-0000000000000000', role: 'viewer' }, 404, 'NotFound.User');
    await owner.pds.fails('/v2/drive/member/add', { drive_id: driveId, user_id: stranger.id, role: 'owner' }, 400, /^InvalidParameter/);
    await owner.pds.fails('/v2/drive/member/add', { drive_id: driveId, user_id: stranger.id }, 400, 'InvalidParameterMissing');
    await owner.pds.fails('/v2/drive/member/remove', { drive_id: driveId, user_id: stranger.id }, 404, 'NotFound.User');
    await owner.pds.fails('/v2/drive/member/remove', { drive_id: driveId, user_id: owner.id }, 400, 'InvalidParameter');
    // Adding a member again changes their role, and keeps their place in the list.
    const changed = await owner.pds.ok('/v2/drive/member/add', { drive_id: driveId, user_id: viewer.id, role: 'editor' });
    expect(changed).toMatchObject({ user_id: viewer.id, role: 'editor' });
    const after = await owner.pds.ok('/v2/drive/member/list', { drive_id: driveId });
    expect(after.items.map((m: Json) => [m.user_id, m.role])).toEqual([
      [owner.id, 'owner'],
      [viewer.id, 'editor'],
      [editor.id, 'editor'],
    ]);
    expect((await viewer.pds.ok('/v2/drive/get', { drive_id: driveId })).role).toBe('editor');
  });

  it('a viewer lists, searches, downloads and browses the bin, and is refused every change', async () => {
    const { owner, viewer, stranger, driveId, folder, file, binned } = await sharedDrive();
    const v = viewer.pds;
    expect(await v.ok('/v2/drive/get', { drive_id: driveId })).toMatchObject({ drive_id: driveId, owner: owner.id, role: 'viewer' });
    expect((await v.ok('/v2/file/list', { drive_id: driveId, parent_file_id: folder.file_id })).items.map((e: Json) => e.name)).toEqual(['plan.txt']);
    expect((await v.ok('/v2/file/search', { drive_id: driveId, query: 'name match "plan"' })).items.map((e: Json) => e.file_id)).toEqual([file.file_id]);
    const url = (await v.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: file.file_id })).url as string;
    expect(await (await fetch(url)).text()).toBe('the plan');
    expect((await v.ok('/v2/recyclebin/list', { drive_id: driveId })).items.map((e: Json) => e.file_id)).toEqual([binned.file_id]);
    expect((await v.ok('/v2/recyclebin/search_all', { drive_id: driveId })).items.map((e: Json) => e.file_id)).toEqual([binned.file_id]);

    const before = await snapshot(owner, driveId);
    const refused: [string, Json][] = [
      ['/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'new.txt', type: 'file', size: 1 }],
      ['/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'new', type: 'folder' }],
      ['/v2/file/update', { drive_id: driveId, file_id: file.file_id, name: 'renamed.txt' }],
      ['/v2/file/move', { drive_id: driveId, file_id: file.file_id, to_parent_file_id: 'root' }],
      ['/v2/file/copy', { drive_id: driveId, file_id: file.file_id, to_parent_file_id: 'root' }],
      ['/v2/recyclebin/trash', { drive_id: driveId, file_id: file.file_id }],
      ['/v2/recyclebin/restore', { drive_id: driveId, file_id: binned.file_id }],
      ['/v2/file/delete', { drive_id: driveId, file_id: binned.file_id }],
      ['/v2/recyclebin/clear', { drive_id: driveId }],
      ['/v2/drive/update', { drive_id: driveId, drive_name: 'mine now' }],
      ['/v2/drive/delete', { drive_id: driveId }],
      ['/v2/drive/member/add', { drive_id: driveId, user_id: stranger.id, role: 'viewer' }],
      ['/v2/drive/member/remove', { drive_id: driveId, user_id: owner.id }],
    ];
    for (const [path, body] of refused) {
      const answer = await v.fails(path, body, 403, 'ForbiddenNoPermission');
      expect(answer.message, path).toContain(driveId);
    }
    expect(await snapshot(owner, driveId)).toEqual(before);
  });

  it('an editor changes the tree, trashes and restores, but may not purge, empty the bin, change the drive or share it', async () => {
    const { owner, editor, stranger, driveId, folder, file, binned } = await sharedDrive();
    const e = editor.pds;
    expect((await e.ok('/v2/drive/get', { drive_id: driveId })).role).toBe('editor');
    const made = await uploadFile(e, driveId, folder.file_id, 'draft.txt', 'draft');
    await makeFolder(e, driveId, 'root', 'more');
    await e.ok('/v2/file/update', { drive_id: driveId, file_id: made.file_id, name: 'final.txt' });
    await e.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: made.file_id }, 202);
    const restored = await e.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: binned.file_id }, 202);
    expect((await waitForTask(e, restored.async_task_id)).state).toBe('Succeed');
    // The restore's task is the editor's to watch, and the owner's too.
    expect((await owner.pds.ok('/v2/async_task/get', { async_task_id: restored.async_task_id })).state).toBe('Succeed');

    const before = await snapshot(owner, driveId);
    const refused: [string, Json][] = [
      ['/v2/file/delete', { drive_id: driveId, file_id: made.file_id }],
      ['/v2/file/delete', { drive_id: driveId, file_id: file.file_id }],
      ['/v2/recyclebin/clear', { drive_id: driveId }],
      ['/v2/drive/update', { drive_id: driveId, description: 'changed' }],
      ['/v2/drive/delete', { drive_id: driveId }],
      ['/v2/drive/member/add', { drive_id: driveId, user_id: stranger.id, role: 'viewer' }],
    ];
    for (const [path, body] of refused) await e.fails(path, body, 403, 'ForbiddenNoPermission');
    expect(await snapshot(owner, driveId)).toEqual(before);
  });

  it('a stranger is answered exactly as for a drive that does not exist', async () => {
    const { owner, stranger, driveId, binned } = await sharedDrive();
    const task = await owner.pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: binned.file_id }, 202);
    const missing = '0000000000';
    const bodies = (id: string): [string, Json][] => [
      ['/v2/drive/get', { drive_id: id }],
      ['/v2/file/list', { drive_id: id, parent_file_id: 'root' }],
      ['/v2/recyclebin/list', { drive_id: id }],
      ['/v2/recyclebin/clear', { drive_id: id }],
      ['/v2/drive/member/list', { drive_id: id }],
      ['/v2/drive/member/add', { drive_id: id, user_id: stranger.id, role: 'editor' }],
      ['/v2/drive/member/remove', { drive_id: id, user_id: stranger.id }],
    ];
    const theirs = bodies(driveId);
    const none = bodies(missing);
    for (let i = 0; i < theirs.length; i++) {
      const [path, body] = theirs[i]!;
      const real = await stranger.pds.fails(path, body, 404, 'NotFound.Drive');
      const absent = await stranger.pds.fails(none[i]![0], none[i]![1], 404, 'NotFound.Drive');
      expect(real.message.replace(driveId, missing), path).toBe(absent.message);
    }
    await stranger.pds.fails('/v2/async_task/get', { async_task_id: task.async_task_id }, 404, 'NotFound.AsyncTask');
    expect((await stranger.pds.ok('/v2/drive/list', {})).items.map((d: Json) => d.drive_id)).toEqual([stranger.driveId]);
  });

  it('removing a member locks them out at once; a member may leave', async () => {
    const { owner, viewer, editor, driveId, file } = await sharedDrive();
    await viewer.pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root' });
    const url = (await viewer.pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: file.file_id })).url as string;
    await owner.pds.ok('/v2/drive/member/remove', { drive_id: driveId, user_id: viewer.id }, 204);
    // A download URL borrows its user's rights when it is used: it stops working too.
    expect((await fetch(url)).status).toBe(404);
    await viewer.pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: 'root' }, 404, 'NotFound.Drive');
    await viewer.pds.fails('/v2/drive/get', { drive_id: driveId }, 404, 'NotFound.Drive');
    expect((await viewer.pds.ok('/v2/drive/list', {})).items.map((d: Json) => d.drive_id)).toEqual([viewer.driveId]);
    // An editor leaves on their own.
    await editor.pds.ok('/v2/drive/member/remove', { drive_id: driveId, user_id: editor.id }, 204);
    await editor.pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'x', type: 'folder' }, 404, 'NotFound.Drive');
    expect((await owner.pds.ok('/v2/drive/member/list', { drive_id: driveId })).items.map((m: Json) => m.role)).toEqual(['owner']);
  });

  it('drive/list shows own and shared drives with the caller\'s role, in keyset pages; admins see all as owner', async () => {
    const a = await sharedDrive();
    const b = await sharedDrive();
    // The viewer of drive a is made an editor of drive b: three drives, three roles.
    await b.owner.pds.ok('/v2/drive/member/add', { drive_id: b.driveId, user_id: a.viewer.id, role: 'editor' });
    const seen: Json[] = [];
    let marker = '';
    do {
      const page = await a.viewer.pds.ok('/v2/drive/list', { limit: 1, marker });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      marker = page.next_marker;
    } while (marker);
    expect(seen.map((d) => [d.drive_id, d.role]).sort()).toEqual(
      [
        [a.driveId, 'viewer'],
        [b.driveId, 'editor'],
        [a.viewer.driveId, 'owner'],
      ].sort(),
    );
    // Only this owner's drives, among those the caller sees.
    const owned = await a.viewer.pds.ok('/v2/drive/list', { owner: b.owner.id });
    expect(owned.items.map((d: Json) => d.drive_id)).toEqual([b.driveId]);
    const all = await admin.ok('/v2/drive/list', { limit: 100 });
    expect(all.items.find((d: Json) => d.drive_id === a.driveId)).toMatchObject({ role: 'owner', owner: a.owner.id });
  });

  it('deleting a drive removes its members; deleting a user removes their memberships', async () => {
    const { owner, viewer, editor, driveId } = await sharedDrive();
    const db = node.salvage.ctx.store.db;
    const rows = async (column: 'drive_id' | 'user_id', value: string) =>
      (await db.selectFrom('drive_members').select(['drive_id', 'user_id']).where(column, '=', value).execute()).length;
    const other = await owner.pds.ok('/v2/drive/create', { drive_name: 'second' }, 201);
    await owner.pds.ok('/v2/drive/member/add', { drive_id: other.drive_id, user_id: editor.id, role: 'viewer' });
    expect(await rows('drive_id', driveId)).toBe(2);
    await admin.ok('/v2/user/delete', { user_id: editor.id, drive_policy: 'delete' }, 204);
    expect(await rows('user_id', editor.id)).toBe(0);
    expect((await owner.pds.ok('/v2/drive/member/list', { drive_id: driveId })).items.map((m: Json) => m.user_id)).toEqual([owner.id, viewer.id]);
    await owner.pds.ok('/v2/drive/delete', { drive_id: driveId }, 204);
    expect(await rows('drive_id', driveId)).toBe(0);
    await viewer.pds.fails('/v2/drive/get', { drive_id: driveId }, 404, 'NotFound.Drive');
  });

  it('NAS: an editor\'s access key sees the shared file system and its bin, but may not disable and clean it', async () => {
    const { owner, editor, driveId } = await sharedDrive();
    const key = await editor.pds.ok('/v2/user/access_key/create', { user_id: editor.id }, 201);
    const nas = (action: string, params: Record<string, string> = {}) =>
      rawNas(node, { action, keyId: key.access_key_id, secret: key.access_key_secret, params });
    const described = await nas('DescribeFileSystems');
    expect(described.status).toBe(200);
    const ids = (described.json.FileSystems as { FileSystem: Json[] }).FileSystem.map((f) => f.FileSystemId);
    expect(ids.sort()).toEqual([driveId, editor.driveId].sort());
    const recycled = await nas('ListRecentlyRecycledDirectories', { FileSystemId: driveId });
    expect(recycled.status, recycled.text).toBe(200);
    expect((recycled.json.Entries as Json[]).map((d) => d.Path)).toEqual(['/']);
    const attribute = await nas('GetRecycleBinAttribute', { FileSystemId: driveId });
    expect(attribute.status).toBe(200);
    const refused = await nas('DisableAndCleanRecycleBin', { FileSystemId: driveId });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json).toMatchObject({ Code: 'OperationDenied.NoPermission' });
    expect(refused.json.Message).toContain('owner');
    const days = await nas('UpdateRecycleBinAttribute', { FileSystemId: driveId, ReservedDays: '5' });
    expect(days.status).toBe(403);
    expect((await owner.pds.ok('/v2/drive/get', { drive_id: driveId })).drive_id).toBe(driveId);
    expect(await node.salvage.bin.attribute(node.adminActor, driveId)).toMatchObject({ enabled: true, reservedDays: 30 });
  });

  it('Jobs dialect: a viewer reads the bin settings and jobs of a shared drive, and is refused a change with 403', async () => {
    const { owner, viewer, stranger, driveId, binned } = await sharedDrive();
    const jobs = await signedIn(node.url, viewer.name, viewer.password);
    const restore = await owner.pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: binned.file_id }, 202);
    await waitForTask(owner.pds, restore.async_task_id);
    const jobIds = async (client: Awaited<ReturnType<typeof signedIn>>, query = '') =>
      (await client.call('GET', `/v1/jobs${query}`)).body.jobs.map((j: { jobId: { id: number } }) => String(j.jobId.id));
    expect(await jobIds(jobs)).toEqual([restore.async_task_id]);
    expect(await jobIds(jobs, `?drive=${driveId}`)).toEqual([restore.async_task_id]);
    const outsider = await signedIn(node.url, stranger.name, stranger.password);
    expect(await jobIds(outsider)).toEqual([]);
    expect((await outsider.call('GET', `/v1/jobs?drive=${driveId}`)).status).toBe(404);
    // A viewer may not cancel (a restore is an editor's); the job is finished anyway, so the
    // refusal is about the role, not the state.
    const cancel = await jobs.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: Number(restore.async_task_id) } } });
    expect(cancel.status).toBe(403);
    const read = await jobs.call('GET', `/v1/drives/${driveId}/recyclebin`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ enabled: true, reservedDays: 30 });
    const change = await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: true, reservedDays: 3 } });
    expect(change.status).toBe(403);
    expect(change.body).toMatchObject({ code: 'Forbidden' });
    const off = await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: false } });
    expect(off.status).toBe(403);
    // Even settings that change nothing are the owner's to send: the answer does not depend on them.
    const same = await jobs.call('PUT', `/v1/drives/${driveId}/recyclebin`, { body: { enabled: true } });
    expect(same.status).toBe(403);
    expect(same.body.details).toBe(`id: ${driveId}, needed role: owner, role: viewer`);
    expect(await node.salvage.bin.attribute(node.adminActor, driveId)).toMatchObject({ enabled: true, reservedDays: 30 });
  });
});
