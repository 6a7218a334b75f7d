import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawNas } from '../nas/support/raw.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, ok, refused, runCli } from './support/run-cli.js';

describe('salvage user and key commands', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  /** The CLI signed in as alice. */
  const asAlice = (password: string) => (...args: string[]) => runCli([...args, '--url', node.url, '--user', 'alice', '--password', password]);

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
  });
  afterAll(async () => node?.destroy());

  // Each step spawns the CLI a few times; on a loaded machine a spawn takes seconds.
  const SLOW = 180_000;
  let users: Array<{ user_name: string; user_id: string }>;

  it('adds and lists users', async () => {
    expect(ok(await cli('user', 'add', 'alice', '--user-password', 'alice-password', '--nick', 'Alice'))).toMatch(
      /^created user alice \(u-[0-9a-f]{16}, user, enabled\), default drive [0-9a-f]{10}\n$/,
    );
    const table = ok(await cli('user', 'ls'));
    expect(table.split('\n')[0]).toMatch(/^ID\s+ROLE\s+STATUS\s+DEFAULT DRIVE\s+CREATED\s+NAME$/);
    expect(table).toMatch(/user\s+enabled\s+[0-9a-f]{10}\s+.*alice \(Alice\)/);
    users = JSON.parse(ok(await cli('user', 'ls', '--json')));
    expect(users.map((u) => u.user_name).sort()).toEqual(['admin', 'alice']);
  }, SLOW);

  it('lets a user see only themself, refuses them the admin\'s work, and changes their password with the old one', async () => {
    // Alice sees herself only and cannot add users.
    const alice = asAlice('alice-password');
    expect(JSON.parse(ok(await alice('user', 'ls', '--json'))).map((u: { user_name: string }) => u.user_name)).toEqual(['alice']);
    expect(refused(await alice('user', 'add', 'mallory', '--user-password', 'mallory-password'))).toMatch(/^salvage: ForbiddenNoPermission: /);
    // She changes her own password with the old one.
    expect(refused(await alice('user', 'set', 'alice', '--user-password', 'alice-password-2'))).toMatch(/old_password/);
    ok(await alice('user', 'set', 'alice', '--user-password', 'alice-password-2', '--old-password', 'alice-password'));
    const alice2 = asAlice('alice-password-2');
    ok(await alice2('user', 'ls'));
  }, SLOW);

  it('disables and enables a user', async () => {
    const alice2 = asAlice('alice-password-2');
    expect(ok(await cli('user', 'set', 'alice', '--disable'))).toMatch(/alice \(u-\w+, user, disabled\)/);
    expect(refused(await alice2('user', 'ls'))).toMatch(/cannot sign in .* disabled/);
    ok(await cli('user', 'set', 'alice', '--enable'));
    ok(await alice2('drives'));
  }, SLOW);

  it('removes a user, refused while they own drives unless told where the drives go', async () => {
    // Removing her is refused while she owns drives, and names them.
    expect(refused(await cli('user', 'rm', 'alice'))).toMatch(/^salvage: StateConflict: .*still owns drives: alice \(/);
    expect(ok(await cli('user', 'rm', 'alice', '--transfer-to', 'admin'))).toBe(`deleted user alice (${users.find((u) => u.user_name === 'alice')!.user_id}), drives given to admin\n`);
    expect(refused(await cli('user', 'rm', 'alice'))).toMatch(/no user named 'alice'/);
  }, SLOW);

  it('makes, lists, disables and removes access keys', async () => {
    ok(await cli('user', 'add', 'bob', '--user-password', 'bob-password'));
    const bob = (...args: string[]) => runCli([...args, '--url', node.url, '--user', 'bob', '--password', 'bob-password']);
    const made = ok(await bob('key', 'add'));
    const [, id, secret] = /AccessKeyId:\s+(\S+)\nAccessKeySecret:\s+(\S+)\n/.exec(made)!;
    expect(made).toContain('shown this once');
    expect((await rawNas(node, { action: 'DescribeFileSystems', keyId: id!, secret: secret! })).status).toBe(200);
    const listed = JSON.parse(ok(await bob('key', 'ls', '--json')));
    expect(listed).toMatchObject([{ access_key_id: id, status: 'enabled', last_used_at: expect.any(Number) }]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(ok(await cli('key', 'ls', 'bob'))).toMatch(new RegExp(`^ACCESS KEY ID\\s+STATUS\\s+CREATED\\s+LAST USED\\n${id}\\s+enabled`));

    expect(ok(await bob('key', 'disable', id!))).toBe(`access key ${id} disabled\n`);
    expect((await rawNas(node, { action: 'DescribeFileSystems', keyId: id!, secret: secret! })).json.Code).toBe('InvalidAccessKeyId.NotFound');
    ok(await cli('key', 'enable', id!));
    expect((await rawNas(node, { action: 'DescribeFileSystems', keyId: id!, secret: secret! })).status).toBe(200);
    // The admin's key is not bob's to touch.
    expect(refused(await bob('key', 'rm', 'LTAItestadminkey'))).toMatch(/^salvage: NotFound\.AccessKey: /);
    expect(refused(await bob('key', 'add', 'admin'))).toMatch(/no user named 'admin'/);
    expect(ok(await bob('key', 'rm', id!))).toBe(`access key ${id} deleted\n`);
    expect(ok(await bob('key', 'ls'))).toMatch(/^no access keys for bob/);
  }, SLOW);
});
