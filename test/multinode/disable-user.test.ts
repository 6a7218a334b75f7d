import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawNas } from '../nas/support/raw.js';
import { PdsClient, signIn } from '../pds/support/pds-client.js';
import type { TestNode } from '../support/node.js';
import { onPostgres, stopTwoNodes, twoNodes } from './support/nodes.js';

/**
 * Issue 12: a user disabled or deleted on one node is locked out of every other node at
 * once. Each node reads the user's status from the database on every request; there is no
 * cache to go stale.
 */
describe.skipIf(!onPostgres)('disabling a user on one node locks them out of the other at once', () => {
  let a: TestNode;
  let b: TestNode;
  beforeAll(async () => ({ a, b } = await twoNodes()));
  afterAll(async () => stopTwoNodes({ a, b }));

  it('token, password sign-in and access key made on node B stop working on B the moment A disables the user', async () => {
    const adminA = await signIn(a);
    const user = await adminA.ok('/v2/user/create', { user_name: 'roamer', password: 'roamer-password' }, 201);
    // Signed in and keyed on node B.
    const onB = await signIn(b, 'roamer', 'roamer-password');
    const key = await onB.ok('/v2/user/access_key/create', { user_id: user.user_id }, 201);
    const nasOnB = () => rawNas(b, { action: 'DescribeFileSystems', keyId: key.access_key_id, secret: key.access_key_secret });
    await onB.ok('/v2/drive/get', { drive_id: user.default_drive_id });
    expect((await nasOnB()).status).toBe(200);

    await adminA.ok('/v2/user/update', { user_id: user.user_id, status: 'disabled' });
    // No wait, no retry: the very next request on B is refused.
    await onB.fails('/v2/drive/get', { drive_id: user.default_drive_id }, 401, 'AccessTokenInvalid');
    expect((await nasOnB()).json.Code).toBe('InvalidAccessKeyId.NotFound');
    const grant = await new PdsClient(b.url).call('/v2/account/token', { grant_type: 'password', username: 'roamer', password: 'roamer-password' });
    expect(grant.status).toBe(400);

    // Enabled again on B, the key works on A; deleted on B, it is refused on A at once.
    const adminB = await signIn(b);
    await adminB.ok('/v2/user/update', { user_id: user.user_id, status: 'enabled' });
    expect((await rawNas(a, { action: 'DescribeFileSystems', keyId: key.access_key_id, secret: key.access_key_secret })).status).toBe(200);
    const again = await signIn(a, 'roamer', 'roamer-password');
    expect((await adminB.call('/v2/user/delete', { user_id: user.user_id, drive_policy: 'delete' })).status).toBe(204);
    await again.fails('/v2/drive/list', {}, 401, 'AccessTokenInvalid');
    expect((await rawNas(a, { action: 'DescribeFileSystems', keyId: key.access_key_id, secret: key.access_key_secret })).json.Code).toBe('InvalidAccessKeyId.NotFound');
  });
});
