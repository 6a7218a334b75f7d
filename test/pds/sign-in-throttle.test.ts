import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { signInThrottleCases } from '../support/sign-in-throttle.js';
import { PdsClient } from './support/pds-client.js';

const databases = await testDatabases();

/** Issue 13 item 11 for the password grant (the shared cases are in test/support/sign-in-throttle.ts). */
describe.each(databases)('PDS sign-in throttle on %s', (database) => {
  const grant = (username: string, password: string, on: TestNode) =>
    new PdsClient(on.url).call('/v2/account/token', { grant_type: 'password', username, password });
  signInThrottleCases(database, { signIn: grant, refused: 400 });

  it('forgets failures older than the window at housekeeping', async () => {
    const own = await startTestNode({ database, signInWindowMs: 1_000, retentionCheckIntervalMs: 200 });
    try {
      const count = async () =>
        Number((await own.salvage.ctx.store.db.selectFrom('sign_in_failures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      expect((await grant('nobody', 'wrong', own)).status).toBe(400);
      expect(await count()).toBe(2); // the name and the address
      await eventually(async () => ((await count()) === 0 ? true : undefined), 10_000);
    } finally {
      await own.destroy();
    }
  }, 60_000);
});
