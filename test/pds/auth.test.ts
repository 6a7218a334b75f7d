import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS auth on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    admin = await signIn(node);
    await node.salvage.users.create({ name: 'bob', password: 'bob-password' });
  });
  afterAll(async () => node?.destroy());
  afterEach(() => vi.restoreAllMocks());

  it('gives tokens for a password and answers in the SPEC shape', async () => {
    const anon = new PdsClient(node.url);
    const res = await anon.ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    expect(res).toMatchObject({ token_type: 'Bearer', expires_in: 7200, user_id: node.adminActor.userId });
    expect(typeof res.access_token).toBe('string');
    expect(typeof res.refresh_token).toBe('string');
    expect(typeof res.default_drive_id).toBe('string');
    // AccountAccessTokenResponse: need_link is required; domain_id names the one domain.
    expect(res).toMatchObject({ need_link: false, domain_id: 'salvage' });
    const refreshed = await anon.ok('/v2/account/token', { grant_type: 'refresh_token', refresh_token: res.refresh_token });
    expect(refreshed).toMatchObject({ need_link: false, domain_id: 'salvage', token_type: 'Bearer' });
  });

  it('names the user\'s first drive as default_drive_id', async () => {
    const bob = await signIn(node, 'bob', 'bob-password');
    const drive = await bob.ok('/v2/drive/create', { drive_name: 'bob-home' }, 201);
    const again = await new PdsClient(node.url).ok('/v2/account/token', { grant_type: 'password', username: 'bob', password: 'bob-password' });
    expect(again.default_drive_id).toBe(drive.drive_id);
  });

  it('refuses a wrong password or user, and bad grant requests, naming the field', async () => {
    const anon = new PdsClient(node.url);
    const wrong = await anon.fails('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'nope' }, 400, 'InvalidParameter');
    expect(wrong.message).toContain('password');
    await anon.fails('/v2/account/token', { grant_type: 'password', username: 'nobody', password: 'nope' }, 400, 'InvalidParameter');
    expect((await anon.fails('/v2/account/token', {}, 400, 'InvalidParameterMissing')).message).toContain('grant_type');
    expect((await anon.fails('/v2/account/token', { grant_type: 'magic' }, 400, 'InvalidParameter')).message).toContain('grant_type');
    expect((await anon.fails('/v2/account/token', { grant_type: 'password', username: 'admin' }, 400, 'InvalidParameterMissing')).message).toContain('password');
    expect((await anon.fails('/v2/account/token', { grant_type: 'password', username: 7, password: 'x' }, 400, 'InvalidParameter')).message).toContain('username');
    expect((await anon.fails('/v2/account/token', { grant_type: 'refresh_token' }, 400, 'InvalidParameterMissing')).message).toContain('refresh_token');
  });

  it('rotates refresh tokens: each works once, and a replayed one revokes the family', async () => {
    const anon = new PdsClient(node.url);
    const first = await anon.ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    const second = await anon.ok('/v2/account/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    const user = new PdsClient(node.url, second.access_token);
    await user.ok('/v2/drive/list', {});

    // The old refresh token again: refused, and everything of that sign-in is revoked.
    const replay = await anon.fails('/v2/account/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token }, 400, 'InvalidParameter');
    expect(replay.message).toContain('refresh_token');
    await user.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    await anon.fails('/v2/account/token', { grant_type: 'refresh_token', refresh_token: second.refresh_token }, 400, 'InvalidParameter');
    await anon.fails('/v2/account/token', { grant_type: 'refresh_token', refresh_token: 'made-up' }, 400, 'InvalidParameter');
  });

  it('lets access tokens expire after expires_in, and refresh tokens after a week', async () => {
    const anon = new PdsClient(node.url);
    const grant = await anon.ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    const user = new PdsClient(node.url, grant.access_token);
    await user.ok('/v2/drive/list', {});
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 7201_000);
    await user.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    // Still inside the refresh token's life: a new access token works.
    const renewed = await anon.ok('/v2/account/token', { grant_type: 'refresh_token', refresh_token: grant.refresh_token });
    await new PdsClient(node.url, renewed.access_token).ok('/v2/drive/list', {});
    vi.spyOn(Date, 'now').mockReturnValue(now + 8 * 86_400_000);
    await anon.fails('/v2/account/token', { grant_type: 'refresh_token', refresh_token: renewed.refresh_token }, 400, 'InvalidParameter');
  });

  it('answers 401 AccessTokenInvalid without credentials or with a bad token', async () => {
    const anon = new PdsClient(node.url);
    await anon.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    await anon.fails('/v2/recyclebin/list', { drive_id: 'x' }, 401, 'AccessTokenInvalid');
    await new PdsClient(node.url, 'not-a-token').fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    const res = await anon.call('/v2/drive/list', {}, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AccessTokenInvalid');
    // Auth comes before the body: a bad body without credentials is still 401.
    const bad = await anon.call('/v2/drive/list', undefined, { rawBody: '{oops' });
    expect(bad.status).toBe(401);
  });

  it('keeps only hashes of tokens and sessions in the database', async () => {
    const grant = await new PdsClient(node.url).ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    const session = await node.salvage.auth.createSession(node.adminActor.userId);
    const db = node.salvage.ctx.store.db;
    const tokens = await db.selectFrom('auth_tokens').select('token_hash').execute();
    const sessions = await db.selectFrom('sessions').select('session_hash').execute();
    const stored = JSON.stringify([tokens, sessions]);
    expect(tokens.length).toBeGreaterThan(0);
    expect(stored).not.toContain(grant.access_token);
    expect(stored).not.toContain(grant.refresh_token);
    expect(stored).not.toContain(session.sessionId);
  });

  describe('the web UI session cookie', () => {
    const cookieHeaders = (sessionId: string, xsrfCookie: string | undefined, xsrfHeader: string | undefined) => ({
      cookie: [`salvage_session=${sessionId}`, ...(xsrfCookie ? [`XSRF-TOKEN=${xsrfCookie}`] : [])].join('; '),
      ...(xsrfHeader ? { 'x-xsrf-token': xsrfHeader } : {}),
    });

    it('is accepted with X-XSRF-TOKEN equal to the XSRF-TOKEN cookie', async () => {
      const { sessionId, xsrfToken } = await node.salvage.auth.createSession(node.adminActor.userId);
      const browser = new PdsClient(node.url);
      const res = await browser.call('/v2/drive/create', { drive_name: 'from-ui' }, { headers: cookieHeaders(sessionId, xsrfToken, xsrfToken) });
      expect(res.status).toBe(201);
    });

    it('is refused without the header, with a mismatch, or with another session\'s token', async () => {
      const { sessionId, xsrfToken } = await node.salvage.auth.createSession(node.adminActor.userId);
      const other = await node.salvage.auth.createSession(node.adminActor.userId);
      const browser = new PdsClient(node.url);
      for (const headers of [
        cookieHeaders(sessionId, xsrfToken, undefined),
        cookieHeaders(sessionId, undefined, xsrfToken),
        cookieHeaders(sessionId, xsrfToken, `${xsrfToken}x`),
        cookieHeaders(sessionId, other.xsrfToken, other.xsrfToken),
        cookieHeaders('forged-session', xsrfToken, xsrfToken),
      ]) {
        const res = await browser.call('/v2/drive/create', { drive_name: 'csrf' }, { headers });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AccessTokenInvalid');
      }
      // Nothing was created by the refused calls.
      const drives = await node.salvage.drives.list(node.adminActor, { offset: 0, limit: 1000 });
      expect(drives.items.filter((d) => d.name === 'csrf')).toHaveLength(0);
    });

    it('stops working when the session ends', async () => {
      const { sessionId, xsrfToken } = await node.salvage.auth.createSession(node.adminActor.userId);
      const browser = new PdsClient(node.url);
      expect((await browser.call('/v2/drive/list', {}, { headers: cookieHeaders(sessionId, xsrfToken, xsrfToken) })).status).toBe(200);
      await node.salvage.auth.endSession(sessionId);
      expect((await browser.call('/v2/drive/list', {}, { headers: cookieHeaders(sessionId, xsrfToken, xsrfToken) })).status).toBe(401);
    });
  });

  describe("another user's things", () => {
    it('answer exactly like things that do not exist', async () => {
      const bob = await signIn(node, 'bob', 'bob-password');
      const drive = await admin.ok('/v2/drive/create', { drive_name: 'admin-private' }, 201);
      const folder = await makeFolder(admin, drive.drive_id, 'root', 'secret');
      const file = await uploadFile(admin, drive.drive_id, folder.file_id, 's.txt', 'secret');
      const task = await admin.ok('/v2/file/delete', { drive_id: drive.drive_id, file_id: file.file_id }, 202);

      const pairs: Array<[string, object, object]> = [
        ['/v2/drive/get', { drive_id: drive.drive_id }, { drive_id: 'ffffffffff' }],
        ['/v2/drive/update', { drive_id: drive.drive_id, drive_name: 'mine' }, { drive_id: 'ffffffffff', drive_name: 'mine' }],
        ['/v2/drive/delete', { drive_id: drive.drive_id }, { drive_id: 'ffffffffff' }],
        ['/v2/file/get', { drive_id: drive.drive_id, file_id: folder.file_id }, { drive_id: 'ffffffffff', file_id: folder.file_id }],
        ['/v2/file/list', { drive_id: drive.drive_id }, { drive_id: 'ffffffffff' }],
        ['/v2/recyclebin/trash', { drive_id: drive.drive_id, file_id: folder.file_id }, { drive_id: 'ffffffffff', file_id: folder.file_id }],
        ['/v2/recyclebin/list', { drive_id: drive.drive_id }, { drive_id: 'ffffffffff' }],
        ['/v2/recyclebin/clear', { drive_id: drive.drive_id }, { drive_id: 'ffffffffff' }],
        ['/v2/file/delete', { drive_id: drive.drive_id, file_id: folder.file_id }, { drive_id: 'ffffffffff', file_id: folder.file_id }],
      ];
      for (const [path, theirs, missing] of pairs) {
        const a = await bob.call(path, theirs);
        const b = await bob.call(path, missing);
        expect(a.status, path).toBe(404);
        expect(a.body.code, path).toBe('NotFound.Drive');
        expect(a.body.message.replace(drive.drive_id, 'ID'), path).toBe(b.body.message.replace('ffffffffff', 'ID'));
      }
      const a = await bob.call('/v2/async_task/get', { async_task_id: task.async_task_id });
      const b = await bob.call('/v2/async_task/get', { async_task_id: '987654321' });
      expect([a.status, a.body.code]).toEqual([404, 'NotFound.AsyncTask']);
      expect(a.body.message.replace(task.async_task_id, 'ID')).toBe(b.body.message.replace('987654321', 'ID'));
      // And the admin's drive is untouched by all of that.
      expect((await admin.ok('/v2/file/get', { drive_id: drive.drive_id, file_id: folder.file_id })).trashed_at).toBeNull();
    });

    it('lets admin see every drive but not a user create drives for others (403 ForbiddenNoPermission)', async () => {
      const bob = await signIn(node, 'bob', 'bob-password');
      const bobDrive = await bob.ok('/v2/drive/create', { drive_name: 'bob-2' }, 201);
      expect((await admin.ok('/v2/drive/get', { drive_id: bobDrive.drive_id })).owner).toBe((await bob.ok('/v2/drive/get', { drive_id: bobDrive.drive_id })).owner);
      const res = await bob.fails('/v2/drive/create', { drive_name: 'for-admin', owner: node.adminActor.userId }, 403, 'ForbiddenNoPermission');
      expect(res.message).toContain('owner');
      const forBob = await admin.ok('/v2/drive/create', { drive_name: 'gift', owner: (await bob.ok('/v2/drive/get', { drive_id: bobDrive.drive_id })).owner }, 201);
      expect((await bob.ok('/v2/drive/get', { drive_id: forBob.drive_id })).drive_name).toBe('gift');
    });
  });
});
