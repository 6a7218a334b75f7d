import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { PdsClient } from './support/pds-client.js';

const databases = await testDatabases();

/** Issue 13 item 16: /v2/account/revoke ends a sign-in; token answers are never cached. */
describe.each(databases)('PDS token revocation on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 0 });
  });
  afterAll(async () => node?.destroy());

  const signIn = () => new PdsClient(node.url).call('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
  const asUser = (accessToken: string) => new PdsClient(node.url, accessToken).call('/v2/drive/list', {});

  it('sends Cache-Control: no-store with the password and refresh grants', async () => {
    const first = await signIn();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const refreshed = await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
  });

  it('revokes the whole family of a refresh token: its access tokens and refresh token stop working', async () => {
    const first = (await signIn()).body;
    // A second generation of the same sign-in, and an unrelated sign-in.
    const second = (await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token })).body;
    const other = (await signIn()).body;
    expect((await asUser(second.access_token)).status).toBe(200);

    const revoked = await new PdsClient(node.url).call('/v2/account/revoke', { app_id: 'salvage', refresh_token: second.refresh_token });
    expect(revoked.status).toBe(204);

    expect((await asUser(first.access_token)).status).toBe(401);
    expect((await asUser(second.access_token)).body.code).toBe('AccessTokenInvalid');
    const refresh = await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect(refresh.status).toBe(400);
    // Another sign-in of the same user keeps working.
    expect((await asUser(other.access_token)).status).toBe(200);
    // Revoking again, or a token never issued, is no error: there is nothing left to end.
    expect((await new PdsClient(node.url).call('/v2/account/revoke', { refresh_token: second.refresh_token })).status).toBe(204);
    expect((await new PdsClient(node.url).call('/v2/account/revoke', { refresh_token: 'never-issued' })).status).toBe(204);
  });

  it('refuses a revoke without a refresh token, and changes nothing', async () => {
    const live = (await signIn()).body;
    const missing = await new PdsClient(node.url).call('/v2/account/revoke', { app_id: 'salvage' });
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 400, code: 'InvalidParameterMissing' });
    const wrongType = await new PdsClient(node.url).call('/v2/account/revoke', { refresh_token: 42 });
    expect({ status: wrongType.status, code: wrongType.body.code }).toEqual({ status: 400, code: 'InvalidParameter' });
    expect((await asUser(live.access_token)).status).toBe(200);
  });
});
