import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, PdsClient, signIn } from './support/pds-client.js';

const databases = await testDatabases();
const DEFAULT_SIZE = 5_000_000;

describe.each(databases)('PDS users on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database, defaultDriveSize: DEFAULT_SIZE });
    admin = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  let seq = 0;
  /** A new user with a password, and a client signed in as them. */
  async function newUser(extra: Json = {}): Promise<{ user: Json; pds: PdsClient; name: string }> {
    const name = `user${++seq}-${database}`;
    const user = await admin.ok('/v2/user/create', { user_name: name, password: `${name}-password`, ...extra }, 201);
    return { user, pds: await signIn(node, name, `${name}-password`), name };
  }
  const userCount = async () => (await node.salvage.users.all()).length;
  const tokenFor = (name: string, password: string) =>
    new PdsClient(node.url).call('/v2/account/token', { grant_type: 'password', username: name, password });

  it('creates a user with a default drive that the token names, with the default quota', async () => {
    const body = await admin.ok(
      '/v2/user/create',
      { user_name: 'alice', nick_name: 'Alice A.', role: 'user', password: 'alice-password', email: 'alice@example.com' },
      201,
    );
    expect(body).toEqual({
      domain_id: 'salvage',
      user_id: expect.stringMatching(/^u-[0-9a-f]{16}$/),
      user_name: 'alice',
      nick_name: 'Alice A.',
      email: 'alice@example.com',
      role: 'user',
      status: 'enabled',
      default_drive_id: expect.stringMatching(/^[0-9a-f]{10}$/),
      created_at: expect.any(Number),
    });
    const token = await tokenFor('alice', 'alice-password');
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ user_id: body.user_id, default_drive_id: body.default_drive_id, role: 'user' });
    const alice = new PdsClient(node.url, token.body.access_token);
    const drive = await alice.ok('/v2/drive/get', { drive_id: body.default_drive_id });
    expect(drive).toMatchObject({ owner: body.user_id, total_size: DEFAULT_SIZE, status: 'enabled' });
    expect(await alice.ok('/v2/user/get', { user_id: body.user_id })).toEqual(body);
    // The SDK's name for the password, plain_password, works too; role defaults to user.
    const bob = await admin.ok('/v2/user/create', { user_name: 'bob-sdk', plain_password: 'bob-password' }, 201);
    expect(bob.role).toBe('user');
    expect((await tokenFor('bob-sdk', 'bob-password')).status).toBe(200);
  });

  it('lists users in keyset pages for admins; a user sees only themself', async () => {
    for (let i = 0; i < 3; i++) await newUser();
    const seen: string[] = [];
    let marker = '';
    do {
      const page = await admin.ok('/v2/user/list', { limit: 2, marker });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page.items as Json[]).map((u) => u.user_id as string));
      marker = page.next_marker;
    } while (marker);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await userCount());
    await admin.fails('/v2/user/list', { marker: 'eyJpZCI6IngifQ.forged' }, 400, 'InvalidParameter');
    await admin.fails('/v2/user/list', { limit: 101 }, 400, 'InvalidParameterOutOfRange');
    const { user, pds } = await newUser();
    const mine = await pds.ok('/v2/user/list', {});
    expect(mine.items.map((u: Json) => u.user_id)).toEqual([user.user_id]);
    expect(mine.next_marker).toBe('');
  });

  it('refuses a user everything that is the admin\'s, and changes nothing', async () => {
    const { user, pds } = await newUser();
    const other = (await newUser()).user;
    const before = await userCount();
    const refusals: Array<[string, Json]> = [
      ['/v2/user/create', { user_name: 'mallory', password: 'mallory-password' }],
      ['/v2/user/get', { user_id: other.user_id }],
      ['/v2/user/update', { user_id: other.user_id, nick_name: 'x' }],
      ['/v2/user/update', { user_id: user.user_id, role: 'admin' }],
      ['/v2/user/update', { user_id: user.user_id, status: 'disabled' }],
      ['/v2/user/update', { user_id: other.user_id, password: 'new-password-1' }],
      ['/v2/user/delete', { user_id: other.user_id }],
      ['/v2/user/delete', { user_id: user.user_id }],
    ];
    for (const [path, body] of refusals) {
      const res = await pds.fails(path, body, 403, 'ForbiddenNoPermission');
      expect(res.message).toMatch(/admin/);
    }
    expect(await userCount()).toBe(before);
    expect(await admin.ok('/v2/user/get', { user_id: other.user_id })).toEqual(other);
    expect((await admin.ok('/v2/user/get', { user_id: user.user_id })).role).toBe('user');
  });

  it('lets a user change their nick name, and their password only with the old one', async () => {
    const { user, pds, name } = await newUser();
    expect(await pds.ok('/v2/user/update', { user_id: user.user_id, nick_name: 'Me' })).toMatchObject({ nick_name: 'Me', role: 'user' });
    const missing = await pds.fails('/v2/user/update', { user_id: user.user_id, password: 'brand-new-pass' }, 400, 'InvalidParameterMissing');
    expect(missing.message).toContain('old_password');
    const wrong = await pds.fails('/v2/user/update', { user_id: user.user_id, password: 'brand-new-pass', old_password: 'nope-nope' }, 400, 'InvalidParameter');
    expect(wrong.message).toContain('old_password');
    await pds.fails('/v2/user/update', { user_id: user.user_id, password: 'short', old_password: `${name}-password` }, 400, 'InvalidParameter');
    expect((await tokenFor(name, `${name}-password`)).status).toBe(200);
    await pds.ok('/v2/user/update', { user_id: user.user_id, password: 'brand-new-pass', old_password: `${name}-password` });
    expect((await tokenFor(name, `${name}-password`)).status).toBe(400);
    expect((await tokenFor(name, 'brand-new-pass')).status).toBe(200);
    // An admin resets someone else's password without the old one.
    await admin.ok('/v2/user/update', { user_id: user.user_id, password: 'reset-by-admin' });
    expect((await tokenFor(name, 'reset-by-admin')).status).toBe(200);
  });

  it('checks every field, naming it, and creates nothing on bad input', async () => {
    await newUser({ user_name: 'taken' }).catch(() => undefined);
    const before = await userCount();
    const cases: Array<[string, Json, number, string, string]> = [
      ['/v2/user/create', {}, 400, 'InvalidParameterMissing', 'user_name'],
      ['/v2/user/create', { user_name: 5 }, 400, 'InvalidParameter', 'user_name'],
      ['/v2/user/create', { user_name: 'has space' }, 400, 'InvalidParameter', 'user_name'],
      ['/v2/user/create', { user_name: 'x'.repeat(65) }, 400, 'InvalidParameterOutOfRange', 'user_name'],
      ['/v2/user/create', { user_name: 'ok1', role: 'superadmin' }, 400, 'InvalidParameter', 'role'],
      ['/v2/user/create', { user_name: 'ok1', status: 'gone' }, 400, 'InvalidParameter', 'status'],
      ['/v2/user/create', { user_name: 'ok1', password: 'short' }, 400, 'InvalidParameter', 'password'],
      ['/v2/user/create', { user_name: 'ok1', email: 'not-an-address' }, 400, 'InvalidParameter', 'email'],
      ['/v2/user/create', { user_name: 'ok1', nick_name: 'n'.repeat(129) }, 400, 'InvalidParameterOutOfRange', 'nick_name'],
      ['/v2/user/create', { user_name: 'taken' }, 409, 'AlreadyExist.User', 'taken'],
      ['/v2/user/get', {}, 400, 'InvalidParameterMissing', 'user_id'],
      ['/v2/user/get', { user_id: 'bad id!' }, 400, 'InvalidParameterWrongFormat', 'user_id'],
      ['/v2/user/get', { user_id: 'u-nosuchuser' }, 404, 'NotFound.User', 'u-nosuchuser'],
      ['/v2/user/update', { user_id: 'u-nosuchuser', nick_name: 'x' }, 404, 'NotFound.User', 'u-nosuchuser'],
      ['/v2/user/delete', { user_id: 'u-nosuchuser' }, 404, 'NotFound.User', 'u-nosuchuser'],
      ['/v2/user/delete', { user_id: node.adminActor.userId }, 403, 'ForbiddenNoPermission', 'user_id'],
      ['/v2/user/delete', { user_id: 'u-x', drive_policy: 'keep' }, 400, 'InvalidParameter', 'drive_policy'],
    ];
    for (const [path, body, status, code, named] of cases) {
      const res = await admin.fails(path, body, status, code);
      expect(res.message, `${path} ${JSON.stringify(body)}`).toContain(named);
    }
    expect(await userCount()).toBe(before);
  });

  it('disabling a user locks out their token, refresh token and sign-in at once; re-enabling lets them sign in again', async () => {
    const { user, pds, name } = await newUser();
    const grant = await tokenFor(name, `${name}-password`);
    await pds.ok('/v2/drive/list', {});
    await admin.ok('/v2/user/update', { user_id: user.user_id, status: 'disabled' });
    await pds.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    await pds.fails('/v2/user/get', { user_id: user.user_id }, 401, 'AccessTokenInvalid');
    const refresh = await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'refresh_token', refresh_token: grant.body.refresh_token });
    expect(refresh.status).toBe(400);
    const signInAgain = await tokenFor(name, `${name}-password`);
    expect(signInAgain.status).toBe(400);
    expect(signInAgain.body.message).toContain('disabled');
    expect((await admin.ok('/v2/user/get', { user_id: user.user_id })).status).toBe('disabled');
    await admin.ok('/v2/user/update', { user_id: user.user_id, status: 'enabled' });
    // The old token was ended by the disable; a new sign-in works.
    await pds.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    expect((await tokenFor(name, `${name}-password`)).status).toBe(200);
    // A user created disabled cannot sign in until enabled.
    await admin.ok('/v2/user/create', { user_name: 'sleeper', password: 'sleeper-password', status: 'disabled' }, 201);
    expect((await tokenFor('sleeper', 'sleeper-password')).status).toBe(400);
  });

  it('keeps an enabled admin: the last one cannot disable or demote themself', async () => {
    const me = node.adminActor.userId;
    await admin.fails('/v2/user/update', { user_id: me, status: 'disabled' }, 403, 'ForbiddenNoPermission');
    await admin.fails('/v2/user/update', { user_id: me, role: 'user' }, 403, 'ForbiddenNoPermission');
    // With a second admin, the first may step down, and the second may restore them.
    const { user: second, pds: secondPds } = await newUser({ role: 'admin' });
    await admin.ok('/v2/user/update', { user_id: me, role: 'user' });
    await admin.fails('/v2/user/create', { user_name: 'nope', password: 'nope-password' }, 403, 'ForbiddenNoPermission');
    await secondPds.ok('/v2/user/update', { user_id: me, role: 'admin' });
    await admin.ok('/v2/user/list', {});
    await admin.ok('/v2/user/update', { user_id: second.user_id, role: 'user' });
  });

  it('refuses to delete a user who owns drives, naming them, unless told to transfer or delete them', async () => {
    const { user, pds, name } = await newUser();
    const extra = await pds.ok('/v2/drive/create', { drive_name: 'projects' }, 201);
    const refused = await admin.fails('/v2/user/delete', { user_id: user.user_id }, 409, 'StateConflict');
    expect(refused.message).toContain(extra.drive_id);
    expect(refused.message).toContain('projects');
    expect(refused.message).toContain(user.default_drive_id);
    // Still there, still working.
    await pds.ok('/v2/drive/list', {});
    await admin.fails('/v2/user/delete', { user_id: user.user_id, drive_policy: 'transfer' }, 400, 'InvalidParameterMissing');
    await admin.fails('/v2/user/delete', { user_id: user.user_id, drive_policy: 'transfer', transfer_to_user_id: 'u-nosuchuser' }, 400, 'InvalidParameter');
    await admin.fails('/v2/user/delete', { user_id: user.user_id, drive_policy: 'transfer', transfer_to_user_id: user.user_id }, 400, 'InvalidParameter');
    await pds.ok('/v2/drive/get', { drive_id: extra.drive_id });

    const heir = await newUser();
    const res = await admin.call('/v2/user/delete', { user_id: user.user_id, drive_policy: 'transfer', transfer_to_user_id: heir.user.user_id });
    expect(res.status).toBe(204);
    const heirDrives = (await heir.pds.ok('/v2/drive/list', {})).items.map((d: Json) => d.drive_id);
    expect(heirDrives).toEqual(expect.arrayContaining([extra.drive_id, user.default_drive_id]));
    await pds.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    expect((await tokenFor(name, `${name}-password`)).status).toBe(400);
    await admin.fails('/v2/user/get', { user_id: user.user_id }, 404, 'NotFound.User');
    await admin.fails('/v2/user/delete', { user_id: user.user_id }, 404, 'NotFound.User');
    // The name is free again, for a new user with a new id.
    const again = await admin.ok('/v2/user/create', { user_name: name, password: 'again-password' }, 201);
    expect(again.user_id).not.toBe(user.user_id);

    // drive_policy delete: the drives go with the user.
    const doomed = await newUser();
    const res2 = await admin.call('/v2/user/delete', { user_id: doomed.user.user_id, drive_policy: 'delete' });
    expect(res2.status).toBe(204);
    await admin.fails('/v2/drive/get', { drive_id: doomed.user.default_drive_id }, 404, 'NotFound.Drive');
  });

  describe('quotas and drive creation are the admin\'s', () => {
    it('a user cannot set or lift a quota; an admin can', async () => {
      const { user, pds } = await newUser();
      const driveId = user.default_drive_id as string;
      await pds.fails('/v2/drive/update', { drive_id: driveId, total_size: -1 }, 403, 'ForbiddenNoPermission');
      await pds.fails('/v2/drive/update', { drive_id: driveId, total_size: DEFAULT_SIZE * 2 }, 403, 'ForbiddenNoPermission');
      expect((await pds.ok('/v2/drive/get', { drive_id: driveId })).total_size).toBe(DEFAULT_SIZE);
      // Echoing the quota it has changes nothing, and other fields are theirs.
      expect(await pds.ok('/v2/drive/update', { drive_id: driveId, total_size: DEFAULT_SIZE, drive_name: 'mine' })).toMatchObject({ drive_name: 'mine' });
      await pds.fails('/v2/drive/create', { drive_name: 'big', total_size: -1 }, 403, 'ForbiddenNoPermission');
      expect(await admin.ok('/v2/drive/update', { drive_id: driveId, total_size: -1 })).toMatchObject({ total_size: -1 });
    });

    it('a user may create one drive besides the default one; an admin any number, for anyone', async () => {
      const { user, pds } = await newUser();
      const second = await pds.ok('/v2/drive/create', { drive_name: 'second' }, 201);
      expect((await pds.ok('/v2/drive/get', { drive_id: second.drive_id })).total_size).toBe(DEFAULT_SIZE);
      const refused = await pds.fails('/v2/drive/create', { drive_name: 'third' }, 403, 'ForbiddenNoPermission');
      expect(refused.message).toContain('1');
      expect((await pds.ok('/v2/drive/list', {})).items).toHaveLength(2);
      // Deleting one makes room again.
      expect((await pds.call('/v2/drive/delete', { drive_id: second.drive_id })).status).toBe(204);
      await pds.ok('/v2/drive/create', { drive_name: 'third' }, 201);
      await admin.ok('/v2/drive/create', { drive_name: 'gift', owner: user.user_id, total_size: 10 }, 201);
      expect((await pds.ok('/v2/drive/list', {})).items).toHaveLength(3);
    });
  });
});

describe.each(databases)('the drive limit setting on %s', (database) => {
  let node: TestNode;
  afterAll(async () => node?.destroy());

  it('SALVAGE_USER_DRIVE_LIMIT=0 allows a user their default drive only', async () => {
    node = await startTestNode({ database, userDriveLimit: 0 });
    const admin = await signIn(node);
    const user = await admin.ok('/v2/user/create', { user_name: 'solo', password: 'solo-password' }, 201);
    expect((await admin.ok('/v2/drive/get', { drive_id: user.default_drive_id })).total_size).toBe(-1);
    const pds = await signIn(node, 'solo', 'solo-password');
    await pds.fails('/v2/drive/create', { drive_name: 'more' }, 403, 'ForbiddenNoPermission');
  });
});
