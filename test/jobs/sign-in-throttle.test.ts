import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { JobsClient } from './support/jobs-client.js';

const databases = await testDatabases();
const WINDOW_MS = 12_000;

/** Issue 13 item 11 for POST /v1/auth/login (see test/pds/sign-in-throttle.test.ts). */
describe.each(databases)('Jobs login throttle on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 0, signInWindowMs: WINDOW_MS, signInAddressLimit: 15 });
    await node.salvage.users.create({ name: 'tina', password: 'tina-password' });
    await node.salvage.users.create({ name: 'ursula', password: 'ursula-password' });
  });
  afterAll(async () => node?.destroy());

  const login = (username: string, password: string, on = node) => new JobsClient(on.url).signIn(username, password);

  it('answers the 11th failure in a window 429 with Retry-After, spares other accounts, and lets the user in after the window', async () => {
    for (let i = 0; i < 10; i++) expect((await login('tina', `wrong-${i}`)).status).toBe(401);
    const throttled = await login('tina', 'wrong-10');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual({ code: 'TooManyRequests', message: expect.any(String), details: expect.any(String) });
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect((await login('tina', 'tina-password')).status).toBe(429);
    expect(throttled.setCookies.some((c) => c.startsWith('salvage_session='))).toBe(false);
    expect((await login('ursula', 'ursula-password')).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await login('tina', 'tina-password')).status).toBe(200);
  }, 60_000);

  it('throttles a client address across accounts (own node, default one-minute window)', async () => {
    const own = await startTestNode({ database, jobConcurrency: 0, signInAddressLimit: 15 });
    try {
      for (let i = 0; i < 15; i++) expect((await login(`nobody-${i % 3}`, 'wrong', own)).status).toBe(401);
      const throttled = await login('admin', 'admin-password', own);
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('TooManyRequests');
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await own.destroy();
    }
  }, 60_000);
});
