import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, misused, ok, refused, runCli } from './support/run-cli.js';

describe('salvage member commands', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  const as = (user: string) => (...args: string[]) => runCli([...args, '--url', node.url, '--user', user, '--password', `${user}-password`]);

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    // Bob and carol, each with a default drive named after them.
    for (const name of ['bob', 'carol']) {
      await node.salvage.users.add(node.adminActor, { name, role: 'user', password: `${name}-password` });
    }
  });
  afterAll(async () => node?.destroy());

  // Each step spawns the CLI a few times; on a loaded machine a spawn takes seconds.
  const SLOW = 180_000;

  it('an owner shares a drive, lists its members, and takes a member off again', async () => {
    const bob = as('bob');
    const carol = as('carol');
    const carolId = (await node.salvage.users.all()).find((u) => u.name === 'carol')!.id;
    // Bob is no admin: he names carol by her id.
    expect(refused(await bob('member', 'add', 'bob', 'carol'))).toMatch(/no user named 'carol'.*give the user's id/);
    expect(ok(await bob('member', 'add', 'bob', carolId, '--role', 'editor'))).toBe(`carol (${carolId}) is now editor of drive 'bob'\n`);
    const table = ok(await carol('member', 'ls', 'bob'));
    expect(table.split('\n')[0]).toMatch(/^ID\s+ROLE\s+ADDED\s+NAME$/);
    expect(table).toMatch(/owner\s+.*bob\n.*editor\s+.*carol/);
    const listed = JSON.parse(ok(await cli('member', 'ls', 'bob', '--json')));
    expect(listed.map((m: { user_name: string; role: string }) => [m.user_name, m.role])).toEqual([['bob', 'owner'], ['carol', 'editor']]);
    // Carol sees the drive with her role; she may not share it further.
    expect(JSON.parse(ok(await carol('drives', '--json'))).map((d: { drive_name: string; role: string }) => [d.drive_name, d.role]).sort()).toEqual([
      ['bob', 'editor'],
      ['carol', 'owner'],
    ]);
    expect(refused(await carol('member', 'add', 'bob', carolId, '--role', 'viewer'))).toMatch(/^salvage: ForbiddenNoPermission: .*owner role/);
    expect(misused(await cli('member', 'add', 'bob', 'carol', '--role', 'owner'))).toMatch(/expected viewer or editor/);
    // The admin, who may look users up by name, takes her off; she no longer sees the drive.
    expect(ok(await cli('member', 'rm', 'bob', 'carol'))).toBe("carol removed from drive 'bob'\n");
    expect(refused(await carol('member', 'ls', 'bob'))).toMatch(/no drive named 'bob'/);
    expect(refused(await bob('member', 'rm', 'bob', 'carol'))).toMatch(/'carol' is not a member of drive 'bob'/);
  }, SLOW);
});
