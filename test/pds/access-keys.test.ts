import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as $Nas from '@alicloud/nas20170626';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nasClient, noRetries } from '../nas/support/clients.js';
import { rawNas } from '../nas/support/raw.js';
import { testDatabases } from '../support/databases.js';
import { restartableNodes, startTestNode, type TestNode } from '../support/node.js';
import { type Json, type PdsClient, signIn } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('access keys on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    admin = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  let seq = 0;
  async function newUser(): Promise<{ user: Json; pds: PdsClient }> {
    const name = `keyuser${++seq}`;
    const user = await admin.ok('/v2/user/create', { user_name: name, password: `${name}-password` }, 201);
    return { user, pds: await signIn(node, name, `${name}-password`) };
  }

  /** A signed DescribeFileSystems with this key: status and code (or the file systems). */
  async function describe_(keyId: string, secret: string) {
    const answer = await rawNas(node, { action: 'DescribeFileSystems', keyId, secret });
    return { status: answer.status, json: answer.json };
  }
  /** The refusal NAS gives a key it does not know, without its request id. */
  const unknownKeyAnswer = async () => {
    const { status, json } = await describe_('LTAInosuchkey00000000', 'whatever');
    return { status, Code: json.Code, Message: json.Message };
  };

  it('a user makes their own key, shown once, and NAS accepts it for their drives only', async () => {
    const { user, pds } = await newUser();
    const made = await pds.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    expect(made).toEqual({
      access_key_id: expect.stringMatching(/^LTAI[0-9a-f]{20}$/),
      access_key_secret: expect.any(String),
      user_id: user.user_id,
      status: 'enabled',
      created_at: expect.any(Number),
      last_used_at: null,
    });
    const nas = nasClient(node, made.access_key_id, made.access_key_secret);
    const seen = await nas.describeFileSystemsWithOptions(new $Nas.DescribeFileSystemsRequest({}), noRetries());
    const ids = seen.body?.fileSystems?.fileSystem?.map((f) => f.fileSystemId);
    expect(ids).toEqual([user.default_drive_id]);
    // The list shows when it was used, and never the secret.
    const listed = await pds.ok('/v2/user/access_key/list', { user_id: user.user_id });
    expect(listed.items).toEqual([{ ...made, access_key_secret: undefined, last_used_at: expect.any(Number) }].map(({ access_key_secret: _, ...k }) => k));
    expect(JSON.stringify(listed)).not.toContain(made.access_key_secret);
  });

  it('a disabled or deleted key is refused exactly as an unknown one; enabled again it works', async () => {
    const { user, pds } = await newUser();
    const key = await pds.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    expect((await describe_(key.access_key_id, key.access_key_secret)).status).toBe(200);
    expect(await pds.ok('/v2/user/access_key/update', { access_key_id: key.access_key_id, status: 'disabled' })).toMatchObject({ status: 'disabled' });
    const refused = await describe_(key.access_key_id, key.access_key_secret);
    expect({ status: refused.status, Code: refused.json.Code, Message: refused.json.Message }).toEqual(await unknownKeyAnswer());
    expect(refused.json.Code).toBe('InvalidAccessKeyId.NotFound');
    await pds.ok('/v2/user/access_key/update', { access_key_id: key.access_key_id, status: 'enabled' });
    expect((await describe_(key.access_key_id, key.access_key_secret)).status).toBe(200);
    expect((await pds.call('/v2/user/access_key/delete', { access_key_id: key.access_key_id })).status).toBe(204);
    const gone = await describe_(key.access_key_id, key.access_key_secret);
    expect({ status: gone.status, Code: gone.json.Code, Message: gone.json.Message }).toEqual(await unknownKeyAnswer());
    expect((await pds.ok('/v2/user/access_key/list', { user_id: user.user_id })).items).toEqual([]);
    await pds.fails('/v2/user/access_key/delete', { access_key_id: key.access_key_id }, 404, 'NotFound.AccessKey');
  });

  it('a disabled or deleted user\'s keys are refused at once', async () => {
    const { user, pds } = await newUser();
    const key = await pds.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    await admin.ok('/v2/user/update', { user_id: user.user_id, status: 'disabled' });
    expect((await describe_(key.access_key_id, key.access_key_secret)).json.Code).toBe('InvalidAccessKeyId.NotFound');
    await admin.ok('/v2/user/update', { user_id: user.user_id, status: 'enabled' });
    expect((await describe_(key.access_key_id, key.access_key_secret)).status).toBe(200);
    expect((await admin.call('/v2/user/delete', { user_id: user.user_id, drive_policy: 'delete' })).status).toBe(204);
    expect((await describe_(key.access_key_id, key.access_key_secret)).json.Code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('users manage their own keys only; admins anyone\'s; refusals change nothing', async () => {
    const a = await newUser();
    const b = await newUser();
    const bKey = await b.pds.ok('/v2/user/access_key/create', { user_id: b.user.user_id }, 201);
    await a.pds.fails('/v2/user/access_key/create', { user_id: b.user.user_id }, 403, 'ForbiddenNoPermission');
    await a.pds.fails('/v2/user/access_key/list', { user_id: b.user.user_id }, 403, 'ForbiddenNoPermission');
    // Someone else's key is answered like a missing one.
    await a.pds.fails('/v2/user/access_key/update', { access_key_id: bKey.access_key_id, status: 'disabled' }, 404, 'NotFound.AccessKey');
    await a.pds.fails('/v2/user/access_key/delete', { access_key_id: bKey.access_key_id }, 404, 'NotFound.AccessKey');
    expect((await b.pds.ok('/v2/user/access_key/list', { user_id: b.user.user_id })).items).toMatchObject([{ access_key_id: bKey.access_key_id, status: 'enabled' }]);
    expect((await describe_(bKey.access_key_id, bKey.access_key_secret)).status).toBe(200);
    // Admins: for anyone.
    const byAdmin = await admin.ok('/v2/user/access_key/create', { user_id: a.user.user_id }, 201);
    expect((await a.pds.ok('/v2/user/access_key/list', { user_id: a.user.user_id })).items.map((k: Json) => k.access_key_id)).toEqual([byAdmin.access_key_id]);
    await admin.ok('/v2/user/access_key/update', { access_key_id: bKey.access_key_id, status: 'disabled' });
    expect((await describe_(bKey.access_key_id, bKey.access_key_secret)).json.Code).toBe('InvalidAccessKeyId.NotFound');
    // Bad input.
    await admin.fails('/v2/user/access_key/create', { user_id: 'u-nosuchuser' }, 404, 'NotFound.User');
    await admin.fails('/v2/user/access_key/create', {}, 400, 'InvalidParameterMissing');
    await admin.fails('/v2/user/access_key/update', { access_key_id: bKey.access_key_id }, 400, 'InvalidParameterMissing');
    await admin.fails('/v2/user/access_key/update', { access_key_id: bKey.access_key_id, status: 'on' }, 400, 'InvalidParameter');
    await admin.fails('/v2/user/access_key/update', { access_key_id: 'bad key', status: 'enabled' }, 400, 'InvalidParameterWrongFormat');
    await admin.fails('/v2/user/access_key/delete', { access_key_id: 'LTAInosuchkey' }, 404, 'NotFound.AccessKey');
  });

  it('NAS CreateFileSystem follows the quota and drive-count rules', async () => {
    const { user, pds } = await newUser();
    const key = await pds.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    const create = (params: Record<string, string>) =>
      rawNas(node, { action: 'CreateFileSystem', keyId: key.access_key_id, secret: key.access_key_secret, params: { ProtocolType: 'NFS', StorageType: 'Performance', ...params } });
    const drives = async () => (await pds.ok('/v2/drive/list', {})).items.length;
    // A quota (Capacity) is the admin's.
    const capped = await create({ Capacity: '100' });
    expect({ status: capped.status, code: capped.json.Code }).toEqual({ status: 403, code: 'OperationDenied.NoPermission' });
    expect(await drives()).toBe(1);
    // One file system besides the default drive, then no more; a dry run says so too.
    const made = await create({});
    expect(made.status).toBe(200);
    expect(await drives()).toBe(2);
    for (const extra of [{}, { DryRun: 'true' }] as Record<string, string>[]) {
      const refused = await create(extra);
      expect({ status: refused.status, code: refused.json.Code }).toEqual({ status: 403, code: 'OperationDenied.NoPermission' });
    }
    expect(await drives()).toBe(2);
    // The admin's own key is not limited.
    for (let i = 0; i < 3; i++) expect((await rawNas(node, { action: 'CreateFileSystem', params: { ProtocolType: 'NFS', StorageType: 'Performance', Capacity: '100' } })).status).toBe(200);
  });

  it('keeps secrets encrypted at rest, under a key file of mode 0600', async () => {
    const { user, pds } = await newUser();
    const key = await pds.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    const rows = await node.salvage.ctx.store.db.selectFrom('access_keys').select(['id', 'secret', 'sealed']).execute();
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.sealed).toBe(1);
      expect(row.secret).toMatch(/^gcm1:/);
    }
    expect(rows.find((r) => r.id === key.access_key_id)!.secret).not.toContain(key.access_key_secret);
    // The admin's configured secret is not in the database either.
    expect(JSON.stringify(rows)).not.toContain('test-admin-secret');
    expect((await stat(join(node.dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
  });
});

describe.each(databases)('secrets written in plain text before, on %s', (database) => {
  const nodes = restartableNodes(database);

  it('are encrypted at the next start, and keep working', async () => {
    let node = await nodes.first();
    const admin = await signIn(node);
    const user = await admin.ok('/v2/user/create', { user_name: 'legacy', password: 'legacy-password' }, 201);
    // A row as a version before migration 0010 wrote it.
    await node.salvage.ctx.store.db
      .insertInto('access_keys')
      .values({ id: 'LTAIlegacyplainkey', user_id: user.user_id, secret: 'legacy-plain-secret', created_at: Date.now(), sealed: 0 })
      .execute();
    await node.close();
    node = await nodes.next();
    const row = await node.salvage.ctx.store.db.selectFrom('access_keys').selectAll().where('id', '=', 'LTAIlegacyplainkey').executeTakeFirstOrThrow();
    expect(row.sealed).toBe(1);
    expect(row.secret).not.toContain('legacy-plain-secret');
    const answer = await rawNas(node, { action: 'DescribeFileSystems', keyId: 'LTAIlegacyplainkey', secret: 'legacy-plain-secret' });
    expect(answer.status).toBe(200);
  });
});

describe.each(databases)('SALVAGE_SECRET_KEY on %s', (database) => {
  const nodes = restartableNodes(database);

  it('is used instead of a key file, and a node with another key refuses the sealed secrets', async () => {
    let node = await nodes.first({ secretKey: 'one-secret-key-for-every-node-of-this-test' });
    expect(await stat(join(node.dataDir, 'secret.key')).catch(() => undefined)).toBeUndefined();
    const admin = await signIn(node);
    const user = await admin.ok('/v2/user/create', { user_name: 'keyed', password: 'keyed-password' }, 201);
    const key = await admin.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    expect((await rawNas(node, { action: 'DescribeFileSystems', keyId: key.access_key_id, secret: key.access_key_secret })).status).toBe(200);
    await node.close();
    node = await nodes.next({ secretKey: 'another-key-that-cannot-open-the-old-ones' });
    const refused = await rawNas(node, { action: 'DescribeFileSystems', keyId: key.access_key_id, secret: key.access_key_secret });
    expect(refused.json.Code).toBe('InvalidAccessKeyId.NotFound');
  });
});
