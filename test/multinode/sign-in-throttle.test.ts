import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsClient } from '../jobs/support/jobs-client.js';
import { PdsClient } from '../pds/support/pds-client.js';
import type { TestNode } from '../support/node.js';
import { onPostgres, stopTwoNodes, twoNodes } from './support/nodes.js';

/** Issue 13 item 11: the failures are counted in the database, so two nodes share them. */
describe.skipIf(!onPostgres)('sign-in throttle across two nodes on one PostgreSQL database', () => {
  let a: TestNode;
  let b: TestNode;
  beforeAll(async () => {
    ({ a, b } = await twoNodes());
    await a.salvage.users.create({ name: 'tina', password: 'tina-password' });
  });
  afterAll(async () => stopTwoNodes({ a, b }));

  it('counts failures on one node against sign-ins on the other, in both dialects', async () => {
    const grant = (node: TestNode, password: string) =>
      new PdsClient(node.url).call('/v2/account/token', { grant_type: 'password', username: 'tina', password });
    for (let i = 0; i < 5; i++) expect((await grant(a, 'wrong')).status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await new JobsClient(b.url).signIn('tina', 'wrong')).status).toBe(401);
    const onA = await grant(a, 'wrong');
    expect(onA.status).toBe(429);
    expect(onA.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    const onB = await new JobsClient(b.url).signIn('tina', 'tina-password');
    expect(onB.status).toBe(429);
    expect(onB.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
  }, 60_000);
});
