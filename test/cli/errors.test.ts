import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, runCli, type CliResult } from './support/run-cli.js';

/** A port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Failed with `code` (1: refused) and exactly one `salvage: ...` line saying `message`. */
const failed = (r: CliResult, message: string | RegExp, code = 1): void => {
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^salvage: /)]);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(code);
};

describe('salvage client commands, when things go wrong', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  let dataDir: string;

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    await node.salvage.drives.create(node.adminActor, { name: 'known', origin: 'pds' });
    dataDir = await mkdtemp(join(tmpdir(), 'salvage-cli-creds-'));
  });
  afterAll(async () => {
    await node?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports a refused sign-in, an unknown drive, path or job, and a server that is down', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const [wrongPassword, unknownDrive, unknownPath, unknownJob, badState, serverDown] = await Promise.all([
      runCli(['drives', '--url', node.url, '--password', 'not-it']),
      cli('ls', 'nope'),
      cli('ls', 'known', '/a/b'),
      cli('cancel', '999999'),
      cli('jobs', '--state', 'bogus'),
      runCli(['drives', '--url', down, '--password', 'x']),
    ]);
    failed(wrongPassword, `cannot sign in to ${node.url} as 'admin': The input parameter password is not valid`);
    failed(unknownDrive, "no drive named 'nope' or with that id (see: salvage drives)");
    failed(unknownPath, "no such file or folder: /a/b (no 'a' in /)");
    // The server's own {code, message}, as one line.
    failed(unknownJob, /^salvage: JobNotFound: .*999999/);
    failed(badState, /^salvage: InvalidRequest: .*state must be one or more of/);
    // A server out of reach is exit code 3 (docs/cli.md), so a script can retry it.
    failed(serverDown, `cannot reach Salvage at ${down} (ECONNREFUSED)`, 3);
  });

  it("finds the admin's password in the data directory, and says so when it cannot", async () => {
    const [missing, otherUser] = await Promise.all([
      runCli(['drives', '--url', node.url, '--data-dir', dataDir]),
      runCli(['drives', '--url', node.url, '--user', 'alice']),
    ]);
    failed(missing, `no password for user 'admin': pass --password or set SALVAGE_PASSWORD (${join(dataDir, 'admin-credentials.json')} is not readable)`);
    failed(otherUser, /no password for user 'alice': pass --password or set SALVAGE_PASSWORD$/m);

    await writeFile(join(dataDir, 'admin-credentials.json'), JSON.stringify({ password: 'admin-password' }), { mode: 0o600 });
    const [fromFile, fromEnv] = await Promise.all([
      runCli(['drives', '--url', node.url, '--data-dir', dataDir]),
      runCli(['drives'], { SALVAGE_URL: node.url, SALVAGE_PASSWORD: 'admin-password' }),
    ]);
    for (const r of [fromFile, fromEnv]) {
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/known\s+0 B\s+unlimited/);
      expect(r.code).toBe(0);
    }
  });
});
