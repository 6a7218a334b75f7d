import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

/**
 * `async_task/get` and `file/get` check a bearer token in the statement that reads their
 * answer (issue 10 item 5: one round trip instead of three or five). They must answer
 * exactly as authenticating first would: a bad token before a bad body or id, and a
 * revoked sign-in, a disabled user or a removed member refused by the very next request.
 */
describe.each(databases)('reads that check the token themselves on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    admin = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  let seq = 0;
  async function person() {
    const name = `reader${++seq}-${database}`;
    const user = await admin.ok('/v2/user/create', { user_name: name, password: `${name}-password` }, 201);
    return { id: user.user_id as string, driveId: user.default_drive_id as string, pds: await signIn(node, name, `${name}-password`) };
  }

  /** A drive with a file, and the task of a restore on it. */
  async function driveWithTask(owner: PdsClient, driveId: string) {
    const folder = await makeFolder(owner, driveId, 'root', 'kept');
    const file = await uploadFile(owner, driveId, folder.file_id, 'a.txt', 'a');
    await owner.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: folder.file_id }, 202);
    const restore = await owner.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: folder.file_id }, 202);
    await waitForTask(owner, restore.async_task_id);
    return { fileId: file.file_id as string, taskId: restore.async_task_id as string };
  }

  it('tells a bad token before a bad body, a bad id or an unknown one', async () => {
    const stranger = new PdsClient(node.url, 'no-such-token');
    for (const [path, body] of [
      ['/v2/async_task/get', {}],
      ['/v2/async_task/get', { async_task_id: 'not-a-number' }],
      ['/v2/async_task/get', { async_task_id: '99999' }],
      ['/v2/file/get', { drive_id: 'nope' }],
      ['/v2/file/get', { drive_id: 'nosuchdrive', file_id: 'nosuchfile' }],
    ] as const) {
      await stranger.fails(path, body, 401, 'AccessTokenInvalid');
    }
    await admin.fails('/v2/async_task/get', {}, 400, /^InvalidParameter/);
    await admin.fails('/v2/async_task/get', { async_task_id: 'not-a-number' }, 404, 'NotFound.AsyncTask');
    await admin.fails('/v2/async_task/get', { async_task_id: '99999' }, 404, 'NotFound.AsyncTask');
    await admin.fails('/v2/file/get', { drive_id: 'nosuchdrive', file_id: 'nosuchfile' }, 404, 'NotFound.Drive');
    const raw = await new PdsClient(node.url).call('/v2/file/get', undefined, { headers: { authorization: 'Bearer bad token' }, rawBody: 'not json' });
    expect({ status: raw.status, code: raw.body.code }).toEqual({ status: 401, code: 'AccessTokenInvalid' });
  });

  it('answers an owner, a member and an admin; a stranger and a removed member are told the task and drive do not exist', async () => {
    const [owner, member, stranger] = [await person(), await person(), await person()];
    const { fileId, taskId } = await driveWithTask(owner.pds, owner.driveId);
    await owner.pds.ok('/v2/drive/member/add', { drive_id: owner.driveId, user_id: member.id, role: 'viewer' });
    for (const reader of [owner.pds, member.pds, admin]) {
      const task = await reader.ok('/v2/async_task/get', { async_task_id: taskId });
      expect(task).toMatchObject({ async_task_id: taskId, state: 'Succeed' });
      const file = await reader.ok('/v2/file/get', { drive_id: owner.driveId, file_id: fileId });
      expect(file).toMatchObject({ file_id: fileId, name: 'a.txt' });
    }
    await stranger.pds.fails('/v2/async_task/get', { async_task_id: taskId }, 404, 'NotFound.AsyncTask');
    await stranger.pds.fails('/v2/file/get', { drive_id: owner.driveId, file_id: fileId }, 404, 'NotFound.Drive');

    await owner.pds.ok('/v2/drive/member/remove', { drive_id: owner.driveId, user_id: member.id }, 204);
    // No wait: the very next request reads the membership as it is now.
    await member.pds.fails('/v2/async_task/get', { async_task_id: taskId }, 404, 'NotFound.AsyncTask');
    await member.pds.fails('/v2/file/get', { drive_id: owner.driveId, file_id: fileId }, 404, 'NotFound.Drive');
  });

  it('names the creator of a task and the actors of a file as the answers always did', async () => {
    const owner = await person();
    const { fileId, taskId } = await driveWithTask(owner.pds, owner.driveId);
    const task = await admin.ok('/v2/async_task/get', { async_task_id: taskId });
    const file = await admin.ok('/v2/file/get', { drive_id: owner.driveId, file_id: fileId });
    // The same answers through the web UI's session cookie, which authenticates first.
    const { sessionId, xsrfToken } = await node.salvage.auth.createSession(node.adminActor.userId);
    const headers = { cookie: `salvage_session=${sessionId}; XSRF-TOKEN=${xsrfToken}`, 'x-xsrf-token': xsrfToken };
    const viaSession = new PdsClient(node.url);
    expect((await viaSession.call('/v2/async_task/get', { async_task_id: taskId }, { headers })).body).toEqual(task);
    expect((await viaSession.call('/v2/file/get', { drive_id: owner.driveId, file_id: fileId }, { headers })).body).toEqual(file);
  });

  it('refuses a revoked sign-in and a disabled user at once', async () => {
    const owner = await person();
    const { fileId, taskId } = await driveWithTask(owner.pds, owner.driveId);
    const grant = (await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'password', username: `reader${seq}-${database}`, password: `reader${seq}-${database}-password` })).body;
    const second = new PdsClient(node.url, grant.access_token);
    await second.ok('/v2/async_task/get', { async_task_id: taskId });
    expect((await new PdsClient(node.url).call('/v2/account/revoke', { refresh_token: grant.refresh_token })).status).toBe(204);
    await second.fails('/v2/async_task/get', { async_task_id: taskId }, 401, 'AccessTokenInvalid');
    await second.fails('/v2/file/get', { drive_id: owner.driveId, file_id: fileId }, 401, 'AccessTokenInvalid');

    await owner.pds.ok('/v2/file/get', { drive_id: owner.driveId, file_id: fileId });
    await admin.ok('/v2/user/update', { user_id: owner.id, status: 'disabled' });
    await owner.pds.fails('/v2/async_task/get', { async_task_id: taskId }, 401, 'AccessTokenInvalid');
    await owner.pds.fails('/v2/file/get', { drive_id: owner.driveId, file_id: fileId }, 401, 'AccessTokenInvalid');
  });
});
