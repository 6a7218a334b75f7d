import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { restartableNodes } from '../support/node.js';
import { PdsClient } from '../pds/support/pds-client.js';

const databases = await testDatabases();

const signsIn = async (url: string, password: string) =>
  (await new PdsClient(url).call('/v2/account/token', { grant_type: 'password', username: 'admin', password })).status === 200;

/**
 * The admin's password at start (ensureAdmin hashes once per start, issue 16 item 6): the
 * configured one works on the first start and after a restart, and a new one configured
 * for a restart replaces the old.
 */
describe.each(databases)('the admin at start on %s', (database) => {
  const nodes = restartableNodes(database);
  it('is made with the configured password, kept across a restart, and changed when the configuration changes', async () => {
    let node = await nodes.first({ adminPassword: 'first-password' });
    expect(await signsIn(node.url, 'first-password')).toBe(true);
    await node.close();
    node = await nodes.next({ adminPassword: 'first-password' });
    expect(await signsIn(node.url, 'first-password')).toBe(true);
    await node.close();
    node = await nodes.next({ adminPassword: 'second-password' });
    expect(await signsIn(node.url, 'second-password')).toBe(true);
    expect(await signsIn(node.url, 'first-password')).toBe(false);
  });
});
