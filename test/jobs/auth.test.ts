import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { JobsClient, signedIn } from './support/jobs-client.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('Jobs auth on %s', (database) => {
  const expectError = (answer: { status: number; body: any }, status: number, code?: string) => {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.any(String) });
    if (code) expect(answer.body.code).toBe(code);
  };

  /** Sign-in, the CSRF double submit, cookie attributes, expiry and logout (SPEC section 5). */
  describe('Jobs dialect: sessions and CSRF', () => {
    let node: TestNode;
    beforeAll(async () => {
      node = await startTestNode({ database, jobConcurrency: 0 });
    });
    afterAll(async () => node?.destroy());

    it('GET /csrf sets a readable XSRF-TOKEN cookie and repeats it in the body', async () => {
      const client = new JobsClient(node.url);
      const answer = await client.call('GET', '/csrf');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ headerName: 'X-XSRF-TOKEN', token: client.cookies.get('XSRF-TOKEN') });
      const cookie = answer.setCookies.find((c) => c.startsWith('XSRF-TOKEN='))!;
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/HttpOnly/);
    });

    it('logs in with the CSRF pair and sets an HttpOnly, SameSite=Lax, expiring session cookie', async () => {
      const client = new JobsClient(node.url);
      const answer = await client.signIn('admin', 'admin-password');
      expect(answer.status).toBe(200);
      expect(answer.body.user).toMatchObject({ name: 'admin', isAdmin: true });
      const session = answer.setCookies.find((c) => c.startsWith('salvage_session='))!;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Lax/);
      expect(session).toMatch(/Max-Age=43200/);
      expect(session).toMatch(/Path=\//);
      // The session brings its own CSRF token, replacing the anonymous one.
      expect(answer.setCookies.some((c) => c.startsWith('XSRF-TOKEN='))).toBe(true);
      expect((await client.call('GET', '/v1/auth/session')).body.user.name).toBe('admin');
    });

    it('refuses a login without the CSRF pair, with a wrong password, or with a malformed body', async () => {
      const bare = new JobsClient(node.url);
      expectError(await bare.call('POST', '/v1/auth/login', { body: { username: 'admin', password: 'admin-password' } }), 401, 'Unauthorized');
      const client = new JobsClient(node.url);
      await client.call('GET', '/csrf');
      expectError(await client.call('POST', '/v1/auth/login', { body: { username: 'admin', password: 'nope' } }), 401);
      expectError(await client.call('POST', '/v1/auth/login', { rawBody: '{"username":' }), 400, 'InvalidRequest');
      expectError(await client.call('POST', '/v1/auth/login', { body: { username: 'admin' } }), 400, 'InvalidRequest');
      expectError(await client.call('POST', '/v1/auth/login', { body: ['admin'] }), 400);
      expect(client.cookies.has('salvage_session')).toBe(false);
    });

    it('answers 401 without a session, on GET and POST alike', async () => {
      const anon = new JobsClient(node.url);
      expectError(await anon.call('GET', '/v1/jobs'), 401, 'Unauthorized');
      expectError(await anon.call('GET', '/v1/jobs/1'), 401);
      await anon.call('GET', '/csrf');
      expectError(await anon.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: 1 } } }), 401);
      const forged = new JobsClient(node.url);
      forged.cookies.set('salvage_session', 'not-a-session');
      expectError(await forged.call('GET', '/v1/jobs'), 401);
    });

    it('needs the CSRF pair on every non-GET call: missing, wrong, or from another session is 401', async () => {
      const client = await signedIn(node.url);
      const cancel = (opts: object) => client.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: 999 } }, ...opts });
      expectError(await cancel({ xsrfHeader: null }), 401, 'Unauthorized');
      expectError(await cancel({ xsrfHeader: 'wrong' }), 401);
      // Header and cookie equal, but not this session's token (an anonymous /csrf one).
      const other = new JobsClient(node.url);
      const anonymous = (await other.call('GET', '/csrf')).body.token as string;
      const own = client.cookies.get('XSRF-TOKEN')!;
      client.cookies.set('XSRF-TOKEN', anonymous);
      expectError(await cancel({}), 401);
      // Another signed-in session's pair does not fit this session either.
      const second = await signedIn(node.url);
      client.cookies.set('XSRF-TOKEN', second.cookies.get('XSRF-TOKEN')!);
      expectError(await cancel({}), 401);
      client.cookies.set('XSRF-TOKEN', own);
      // With the right pair the call gets through auth: the job simply does not exist.
      expectError(await cancel({}), 404, 'JobNotFound');
      // GET needs no CSRF header.
      expect((await client.call('GET', '/v1/jobs', { xsrfHeader: null })).status).toBe(200);
    });

    it('GET /csrf with a session gives that session token back', async () => {
      const client = await signedIn(node.url);
      const before = client.cookies.get('XSRF-TOKEN');
      client.cookies.delete('XSRF-TOKEN');
      const answer = await client.call('GET', '/csrf');
      expect(answer.body.token).toBe(before);
      expect((await client.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: 999 } } })).status).toBe(404);
    });

    it('ends a session at logout: cookies cleared, the old cookie refused', async () => {
      const client = await signedIn(node.url);
      const oldCookies = new Map(client.cookies);
      const answer = await client.call('POST', '/v1/auth/logout');
      expect(answer.status).toBe(204);
      expect(answer.setCookies.find((c) => c.startsWith('salvage_session='))).toMatch(/Max-Age=0/);
      expect(client.cookies.has('salvage_session')).toBe(false);
      const replay = new JobsClient(node.url);
      for (const [k, v] of oldCookies) replay.cookies.set(k, v);
      expectError(await replay.call('GET', '/v1/jobs'), 401);
      expectError(await replay.call('POST', '/v1/jobs/cancel', { body: { jobId: { id: 1 } } }), 401);
      // Logout itself needs the CSRF pair, so another site cannot sign a user out.
      const victim = await signedIn(node.url);
      expectError(await victim.call('POST', '/v1/auth/logout', { xsrfHeader: null }), 401);
      expect((await victim.call('GET', '/v1/jobs')).status).toBe(200);
    });

    it('refuses an expired session', async () => {
      const client = await signedIn(node.url);
      expect((await client.call('GET', '/v1/jobs')).status).toBe(200);
      // Twelve hours on: the stored expiry is what the server checks.
      await node.salvage.ctx.store.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).execute();
      expectError(await client.call('GET', '/v1/jobs'), 401);
      expectError(await client.call('GET', '/v1/auth/session'), 401);
    });

    it('accepts a PDS bearer token instead of the cookie (scripts), without CSRF', async () => {
      const token = await fetch(`${node.url}/v2/account/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', username: 'admin', password: 'admin-password' }),
      }).then((r) => r.json() as Promise<{ access_token: string }>);
      const client = new JobsClient(node.url);
      const headers = { authorization: `Bearer ${token.access_token}` };
      expect((await client.call('GET', '/v1/jobs', { headers })).status).toBe(200);
      expect((await client.call('POST', '/v1/jobs/cancel', { headers, body: { jobId: { id: 5 } } })).status).toBe(404);
      expectError(await client.call('GET', '/v1/jobs', { headers: { authorization: 'Bearer nope' } }), 401);
    });
  });

  describe('Jobs dialect: unknown paths', () => {
    it('answer 404 in the dialect error shape', async () => {
      const node = await startTestNode({ database, jobConcurrency: 0 });
      try {
        const client = await signedIn(node.url);
        const answer = await client.call('GET', '/v1/nothing-here');
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ code: 'NotFound', details: '' });
        // A known path with another method is not an operation either.
        expect((await client.call('PUT', '/v1/jobs/cancel', { body: {} })).status).toBe(404);
      } finally {
        await node.destroy();
      }
    });
  });
});
