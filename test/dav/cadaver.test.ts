import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { CADAVER, hasWebdavClients } from './support/clients.js';
import { binOf, userWithDrive } from './support/dav-client.js';

const databases = await testDatabases();
const present = hasWebdavClients('WebDAV cadaver suite');

/** Runs cadaver on `url` with commands on stdin; the password comes from a .netrc in its HOME. */
function cadaver(home: string, url: string, commands: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(CADAVER, [url], { cwd: home, env: { ...process.env, HOME: home }, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`cadaver failed: ${err.message}\n${stdout}${stderr}`)) : resolve(stdout + stderr),
    );
    child.stdin!.end(`${commands.join('\n')}\nquit\n`);
  });
}

/** cadaver (Debian package cadaver), driven by a script: a whole everyday session. */
describe.skipIf(!present).each(databases)('cadaver on %s', (database) => {
  let node: TestNode;
  let home: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    home = await mkdtemp(join(tmpdir(), 'salvage-cadaver-'));
  });
  afterAll(async () => {
    await node?.destroy();
    await rm(home, { recursive: true, force: true });
  });

  it('runs a scripted session: folders, upload, properties, copy, move, lock, download, delete', async () => {
    const { dav } = await userWithDrive(node, 'carol', 'notes');
    await writeFile(join(home, '.netrc'), `machine 127.0.0.1\nlogin carol\npassword carol-password\n`);
    await chmod(join(home, '.netrc'), 0o600);
    await writeFile(join(home, 'a.txt'), 'hello from cadaver\n');
    const out = await cadaver(home, `${node.url}/dav/notes/`, [
      'mkcol work',
      'cd work',
      'put a.txt',
      'propset a.txt color red',
      'copy a.txt b.txt',
      'propget b.txt color',
      'move b.txt c.txt',
      'lock a.txt',
      'put a.txt',
      'unlock a.txt',
      'get c.txt got.txt',
      'delete a.txt',
      'mkcol old',
      'rmcol old',
      'ls',
    ]);
    expect(out).not.toMatch(/failed/i);
    expect(out).toContain('Value of color is: red');
    expect(out).toMatch(/c\.txt\s+19/);
    expect(await readFile(join(home, 'got.txt'), 'utf8')).toBe('hello from cadaver\n');
    // The deleted file and folder, and the version the locked PUT replaced, are in the bin.
    const bin = (await binOf(dav, 'notes')).map((b) => b.props['trashbin-original-location']).sort();
    expect(bin).toEqual(['work/a.txt', 'work/a.txt', 'work/old']);
  });
});
