import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdsClient } from '../pds/support/pds-client.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { JobsClient } from './support/jobs-client.js';

const databases = await testDatabases();

/** Issue 13 item 16: logout ends what the request signed in with; the login answer is never cached. */
describe.each(databases)('Jobs logout on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 0 });
  });
  afterAll(async () => node?.destroy());

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('sends Cache-Control: no-store with the login answer', async () => {
    const answer = await new JobsClient(node.url).signIn('admin', 'admin-password');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('ends the sign-in of the bearer token it is called with: the access and refresh tokens stop working', async () => {
    const pds = await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    const { access_token: accessToken, refresh_token: refreshToken } = pds.body;
    const client = new JobsClient(node.url);
    expect((await client.call('GET', '/v1/auth/session', bearer(accessToken))).status).toBe(200);
    expect((await client.call('POST', '/v1/auth/logout', bearer(accessToken))).status).toBe(204);
    expect((await client.call('GET', '/v1/auth/session', bearer(accessToken))).status).toBe(401);
    expect((await new PdsClient(node.url, accessToken).call('/v2/drive/list', {})).status).toBe(401);
    const refresh = await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refresh.status).toBe(400);
  });

  it('still ends the session of its cookie', async () => {
    const client = new JobsClient(node.url);
    await client.signIn('admin', 'admin-password');
    const session = client.cookies.get('salvage_session')!;
    expect((await client.call('POST', '/v1/auth/logout')).status).toBe(204);
    const replay = new JobsClient(node.url);
    replay.cookies.set('salvage_session', session);
    expect((await replay.call('GET', '/v1/auth/session')).status).toBe(401);
  });
});
