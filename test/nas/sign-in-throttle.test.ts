import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type RawRequest, rawNas } from './support/raw.js';

const databases = await testDatabases();
const WINDOW_MS = 6_000;

/**
 * Issue 13 items 11 and 16 for NAS: failed signature checks are throttled per AccessKeyId
 * (Throttling.User) and per client address (Throttling), 429 with Retry-After; nonces
 * longer than 128 characters are refused.
 */
describe.each(databases)('NAS signature throttle on %s', (database) => {
  let node: TestNode;
  let tina: { id: string; secret: string };
  let ursula: { id: string; secret: string };
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 0, signInWindowMs: WINDOW_MS, signInAddressLimit: 15 });
    tina = await node.salvage.users.createAccessKey((await node.salvage.users.create({ name: 'tina', password: 'tina-password' })).id);
    ursula = await node.salvage.users.createAccessKey((await node.salvage.users.create({ name: 'ursula', password: 'ursula-password' })).id);
  });
  afterAll(async () => node?.destroy());

  const describeFs: RawRequest = { action: 'DescribeFileSystems' };
  const call = (keyId: string, secret: string, extra: RawRequest = {}, on = node) => rawNas(on, { ...describeFs, keyId, secret, ...extra });

  it('refuses a nonce longer than 128 characters with InvalidParameter, and takes one of 128', async () => {
    for (const scheme of ['v3', 'v2'] as const) {
      const long = await call(tina.id, tina.secret, { scheme, nonce: 'n'.repeat(129) });
      expect({ status: long.status, code: long.json.Code }).toEqual({ status: 400, code: 'InvalidParameter' });
      expect((await call(tina.id, tina.secret, { scheme, nonce: `${scheme}${'n'.repeat(126)}` })).status).toBe(200);
    }
  });

  it('answers the 11th bad signature of a key in a window 429 Throttling.User with Retry-After, and accepts it after the window', async () => {
    for (let i = 0; i < 10; i++) expect((await call(tina.id, 'wrong-secret')).json.Code).toBe('SignatureDoesNotMatch');
    const throttled = await call(tina.id, 'wrong-secret');
    expect({ status: throttled.status, code: throttled.json.Code }).toEqual({ status: 429, code: 'Throttling.User' });
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect((await call(tina.id, tina.secret)).status).toBe(429);
    expect((await call(ursula.id, ursula.secret)).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await call(tina.id, tina.secret)).status).toBe(200);
  }, 60_000);

  it('throttles a client address across keys (own node, default one-minute window) with Throttling', async () => {
    const own = await startTestNode({ database, jobConcurrency: 0, signInAddressLimit: 15 });
    try {
      for (let i = 0; i < 15; i++) expect((await call(`LTAIunknown${i % 3}`, 'x', {}, own)).json.Code).toBe('InvalidAccessKeyId.NotFound');
      const throttled = await call(own.admin.accessKeyId, own.admin.accessKeySecret, {}, own);
      expect({ status: throttled.status, code: throttled.json.Code }).toEqual({ status: 429, code: 'Throttling' });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await own.destroy();
    }
  }, 60_000);
});
