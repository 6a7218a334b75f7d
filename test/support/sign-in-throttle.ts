import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDatabase } from './databases.js';
import { startTestNode, type TestNode } from './node.js';

/** Short enough to wait out in a test; the rule is the same as with the default minute. */
export const WINDOW_MS = 6_000;

/** What a sign-in answered, in any dialect. */
export interface SignInAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export type SignIn<A extends SignInAnswer> = (username: string, password: string, on: TestNode) => Promise<A>;

/**
 * Issue 13 item 11, the same in every dialect that signs in by password: at most 10 failed
 * sign-ins per user name (and 15 here, per address) within the window; beyond that 429
 * TooManyRequests with Retry-After, for the right password too, until the oldest failure
 * of the window leaves it. `refused` is the dialect's status for a wrong password;
 * `throttledAnswer` adds the dialect's own checks of a throttled answer.
 */
export function signInThrottleCases<A extends SignInAnswer>(
  database: TestDatabase,
  dialect: { signIn: SignIn<A>; refused: number; throttledAnswer?: (answer: A) => void },
): void {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 0, signInWindowMs: WINDOW_MS, signInAddressLimit: 15 });
    await node.salvage.users.create({ name: 'tina', password: 'tina-password' });
    await node.salvage.users.create({ name: 'ursula', password: 'ursula-password' });
  });
  afterAll(async () => node?.destroy());
  const signIn = (username: string, password: string, on = node) => dialect.signIn(username, password, on);

  it('answers the 11th failure in a window 429 with Retry-After, spares other accounts, and lets the user in after the window', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn('tina', `wrong-${i}`)).status).toBe(dialect.refused);
    const throttled = await signIn('tina', 'wrong-10');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ code: 'TooManyRequests' });
    dialect.throttledAnswer?.(throttled);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    // While throttled even the right password is refused unchecked.
    expect((await signIn('tina', 'tina-password')).status).toBe(429);
    // Another account from the same address is not affected (10 failures < 15 per address).
    expect((await signIn('ursula', 'ursula-password')).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    const after = await signIn('tina', 'tina-password');
    expect(after.status, JSON.stringify(after.body)).toBe(200);
  }, 60_000);

  it('throttles a client address across accounts (own node, default one-minute window)', async () => {
    const own = await startTestNode({ database, jobConcurrency: 0, signInAddressLimit: 15 });
    try {
      for (let i = 0; i < 15; i++) expect((await signIn(`nobody-${i % 3}`, 'wrong', own)).status).toBe(dialect.refused);
      const throttled = await signIn('admin', 'admin-password', own);
      expect(throttled.status).toBe(429);
      expect(throttled.body).toMatchObject({ code: 'TooManyRequests' });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await own.destroy();
    }
  }, 60_000);

}
