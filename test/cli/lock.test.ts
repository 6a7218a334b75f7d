import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, ok, refused, runCli } from './support/run-cli.js';

describe('salvage lock', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  const bob = (...args: string[]) => runCli([...args, '--url', node.url, '--user', 'bob', '--password', 'bob-password']);

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    await node.salvage.users.add(node.adminActor, { name: 'bob', role: 'user', password: 'bob-password' });
  });
  afterAll(async () => node?.destroy());

  it('sets, shows and lengthens a lock; refuses to shorten or remove a compliance lock, and a non-admin', async () => {
    expect(ok(await cli('drive-create', 'vault'))).toMatch(/^created drive 'vault'/);
    expect(ok(await cli('lock', 'vault'))).toBe("drive 'vault' has no retention lock\n");
    expect(ok(await cli('lock', 'vault', '--days', '3', '--mode', 'governance'))).toBe("drive 'vault' keeps bin items at least 3 days (governance lock)\n");
    expect(ok(await cli('lock', 'vault', '--off'))).toBe("drive 'vault' has no retention lock\n");
    expect(ok(await cli('lock', 'vault', '--days', '5', '--mode', 'compliance'))).toBe("drive 'vault' keeps bin items at least 5 days (compliance lock)\n");
    expect(ok(await cli('drives'))).toMatch(/vault\s+0 B\s+unlimited\s+owner\s+compliance 5d/);
    expect(refused(await cli('lock', 'vault', '--days', '4', '--mode', 'compliance'))).toMatch(/lengthened, not shortened|retention lock/i);
    expect(refused(await cli('lock', 'vault', '--off'))).toMatch(/compliance lock/);
    expect(refused(await cli('lock', 'vault', '--days', '200'))).toMatch(/min_retention_days/);
    expect(ok(await cli('lock', 'vault', '--days', '6', '--mode', 'compliance'))).toBe("drive 'vault' keeps bin items at least 6 days (compliance lock)\n");
    // Bob owns his own drive, but a lock is an admin's to set.
    expect(refused(await bob('lock', 'bob', '--days', '1'))).toMatch(/admin/);
    expect(ok(await bob('lock', 'bob'))).toBe("drive 'bob' has no retention lock\n");
  }, 180_000);
});
