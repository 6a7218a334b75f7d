import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile } from '../pds/support/pds-client.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { recordSkip } from '../support/skips.js';
import { type CliResult, cliFor, finished, misused, ok, refused, runCli, spawnCli } from './support/run-cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** No Node stack trace, ever: no `    at ...` frame and no `node:internal` in what it printed. */
/** Worked: exit 0 and no `salvage:` line (waiting for a job prints progress on stderr). */
const done = (r: CliResult): string => {
  expect(r.stderr.split('\n').filter((l) => l.startsWith('salvage:'))).toEqual([]);
  expect(r.code).toBe(0);
  return r.stdout;
};

const noStack = (text: string): void => {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/node:internal|Error: /);
};

// `script` (util-linux) gives the CLI a pseudo-terminal, so its question can be answered.
const SCRIPT = '/usr/bin/script';
const hasScript = existsSync(SCRIPT);
if (!hasScript) {
  recordSkip({ name: 'script', missing: `${SCRIPT} is missing`, install: 'sudo apt-get install -y bsdutils', variable: 'SALVAGE_TEST_SCRIPT' }, 'partly');
}

/** `salvage <args>` at a terminal (a pty from `script`), typing `input`; exit code and everything shown. */
function atTerminal(args: string[], input: string): Promise<{ code: number | null; out: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--import', 'tsx', MAIN, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = execFile(SCRIPT, ['-qec', command, '/dev/null'], { cwd: REPO, timeout: 60_000 }, (err, stdout) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout }),
    );
    // Typed once the question is up: a pty drops what arrives before the program reads it.
    let typed = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!typed && String(chunk).includes('[y/N]')) {
        typed = true;
        child.stdin!.write(input);
      }
    });
  });
}

describe('salvage client commands behave', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  let pds: PdsClient;
  let local: string;
  let drive: string;

  /** A file trashed into the bin of `drive`; its id. */
  const binned = async (name: string, parent = 'root'): Promise<string> => {
    const f = await uploadFile(pds, drive, parent, name, `${name} body`);
    await pds.ok('/v2/recyclebin/trash', { drive_id: drive, file_id: f.file_id }, 202);
    return f.file_id as string;
  };
  const inBin = async (): Promise<string[]> =>
    ((await pds.ok('/v2/recyclebin/list', { drive_id: drive, limit: 200 })).items as Json[]).map((i) => i.file_id as string);

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    pds = await signIn(node);
    drive = (await pds.ok('/v2/drive/create', { drive_name: 'tidy' }, 201)).drive_id as string;
    local = await mkdtemp(join(tmpdir(), 'salvage-cli-behaves-'));
  });
  afterAll(async () => {
    await node?.destroy();
    await rm(local, { recursive: true, force: true });
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(ok(await runCli([flag]))).toBe(`${version}\n`);
  });

  it('answers bad arguments with one line and exit code 2, never a stack trace', async () => {
    const results = await Promise.all([
      runCli(['ls', 'tidy', '--bogus']),
      runCli(['purge', 'tidy']),
      runCli(['bin', 'tidy', '--limit', 'zero']),
      runCli(['no-such-command']),
      cli('restore', 'tidy', 'x', '--all'),
    ]);
    for (const r of results) {
      noStack(misused(r));
    }
    expect(results[0]!.stderr).toMatch(/unknown option '--bogus'/);
    expect(results[1]!.stderr).toMatch(/missing required argument 'item'/);
    expect(results[2]!.stderr).toMatch(/expected a whole number/);
  });

  it('stops quietly when its reader goes away (piped into head)', async () => {
    for (const args of [['ls', 'tidy', '--json'], ['--help']]) {
      const child = spawnCli([...args, '--url', node.url, '--password', 'admin-password']);
      // The reading end closes before the CLI writes: its write meets EPIPE.
      child.stdout!.destroy();
      const r = await finished(child);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it('says in one line, exit code 3, when the server goes away mid-command', async () => {
    const other = await startTestNode();
    await other.close();
    const r = await runCli(['drives', '--url', other.url, '--password', 'admin-password']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^salvage: cannot reach Salvage at .* \(ECONNREFUSED\)\n$/);
  });

  it('purge and empty-bin refuse without a terminal to ask at, unless --yes', async () => {
    const id = await binned('keep-me.txt');
    const purge = misused(await cli('purge', 'tidy', id));
    expect(purge).toBe('salvage: purge keep-me.txt: not done, since stdin is not a terminal to ask at; pass --yes to confirm\n');
    expect(misused(await cli('empty-bin', 'tidy'))).toMatch(/^salvage: empty the bin of tidy: not done, .*pass --yes/);
    expect(await inBin()).toContain(id);
    // By name, as restore takes it.
    expect(done(await cli('purge', 'tidy', 'keep-me.txt', '--yes'))).toMatch(/^purged keep-me\.txt for good \(1 entry, job \d+\)\n$/);
    expect(await inBin()).not.toContain(id);
  });

  it('purge by a name two bin items share asks for an id', async () => {
    const a = await binned('twin.txt');
    const b = await binned('twin.txt');
    const said = refused(await cli('purge', 'tidy', 'twin.txt', '--yes'));
    expect(said).toMatch(/2 items in the bin are named 'twin.txt'; name one by id/);
    expect(said).toContain(a);
    expect(said).toContain(b);
    expect(done(await cli('purge', 'tidy', a, '-y'))).toMatch(/^purged twin\.txt/);
    expect(await inBin()).toEqual(expect.arrayContaining([b]));
  });

  it.skipIf(!hasScript)('at a terminal, purge asks and does nothing unless the answer is yes', async () => {
    const id = await binned('ask-me.txt');
    const no = await atTerminal(['purge', 'tidy', id, '--url', node.url, '--password', 'admin-password'], 'n\r');
    expect(no.out).toMatch(/Delete the file 'ask-me\.txt' \(id \w+, from \/ask-me\.txt, deleted [\d-]+ [\d:]+\) for good\? It cannot be restored\. \[y\/N\]/);
    expect(no.out).toMatch(/salvage: not confirmed: nothing was deleted/);
    expect(no.code).toBe(1);
    expect(await inBin()).toContain(id);
    const yes = await atTerminal(['purge', 'tidy', id, '--url', node.url, '--password', 'admin-password'], 'y\r');
    expect(yes.out).toMatch(/purged ask-me\.txt for good/);
    expect(yes.code).toBe(0);
    expect(await inBin()).not.toContain(id);
  });

  it.skipIf(!hasScript)('at a terminal, empty-bin asks too', async () => {
    await binned('one.txt');
    const yes = await atTerminal(['empty-bin', 'tidy', '--url', node.url, '--password', 'admin-password'], 'yes\r');
    expect(yes.out).toMatch(/Delete everything in the recycle bin of drive 'tidy' \(\w+\) for good\? It cannot be restored\. \[y\/N\]/);
    expect(yes.out).toMatch(/emptied the bin of tidy/);
    expect(yes.code).toBe(0);
    expect(await inBin()).toEqual([]);
  });

  it('drive-delete asks (or takes --yes) and deletes the drive', async () => {
    const gone = (await pds.ok('/v2/drive/create', { drive_name: 'doomed' }, 201)).drive_id as string;
    expect(misused(await cli('drive-delete', 'doomed'))).toMatch(/delete drive doomed: not done, .*--yes/);
    expect(ok(await cli('drive-delete', 'doomed', '--yes'))).toBe(`deleted drive 'doomed' (${gone}); its contents are purged in the background\n`);
    expect(refused(await cli('drive-delete', 'doomed', '--yes'))).toMatch(/no drive named 'doomed'/);
  });

  it('put -r uploads a folder tree, and ls lists it in natural order', async () => {
    const top = join(local, 'photos');
    await mkdir(join(top, 'trip', 'day 2'), { recursive: true });
    for (const n of [1, 2, 10, 20]) await writeFile(join(top, `img${n}.jpg`), `image ${n}`);
    await writeFile(join(top, 'trip', 'day 2', 'beach.jpg'), 'sand');
    await writeFile(join(top, 'trip', 'notes.txt'), '');
    await symlink('/etc', join(top, 'link-out'));
    expect(misused(await cli('put', 'tidy', top))).toMatch(/is a folder: pass -r/);
    const put = await cli('put', '-r', 'tidy', top, '/');
    expect(done(put)).toBe(`uploaded ${top} to /photos (6 files in 3 folders, 34 B)\n`);
    expect(put.stderr).toBe(`skipped ${join(top, 'link-out')}: not a regular file or folder (links are not followed)\n`);
    const names = (text: string) => text.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/).at(-1));
    // The server's order: folders first, numbers by value.
    expect(names(ok(await cli('ls', 'tidy', '/photos')))).toEqual(['trip/', 'img1.jpg', 'img2.jpg', 'img10.jpg', 'img20.jpg']);
    expect(names(ok(await cli('ls', 'tidy', '/photos/trip')))).toEqual(['day 2/', 'notes.txt']);
    expect(ok(await cli('get', 'tidy', '/photos/trip/day 2/beach.jpg', join(local, 'beach.jpg')))).toMatch(/downloaded/);
    expect(await readFile(join(local, 'beach.jpg'), 'utf8')).toBe('sand');
    // Again into the same place: the folders are reused, a taken file name stops it.
    const again = refused(await cli('put', '-r', 'tidy', top, '/'));
    expect(again).toMatch(/img1\.jpg: 'img1\.jpg' already exists there \(use --rename to keep both\) \(0 of 6 files were uploaded before it\)/);
    expect(done(await cli('put', '-r', '--rename', 'tidy', top, '/'))).toMatch(/6 files in 3 folders/);
    // Past the number, characters by code point: '(' comes before '.'.
    expect(names(ok(await cli('ls', 'tidy', '/photos'))).slice(0, 4)).toEqual(['trip/', 'img1(1).jpg', 'img1.jpg', 'img2(1).jpg']);
  });

  it('bin --limit shows the newest items and says there are more; --search is the server-side search', async () => {
    const bin = (await pds.ok('/v2/drive/create', { drive_name: 'limits' }, 201)).drive_id as string;
    for (const name of ['a-report.txt', 'b.txt', 'c-report.txt']) {
      const f = await uploadFile(pds, bin, 'root', name, 'x');
      await pds.ok('/v2/recyclebin/trash', { drive_id: bin, file_id: f.file_id }, 202);
    }
    const two = await cli('bin', 'limits', '--limit', '2');
    expect(two.code).toBe(0);
    expect(two.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['c-report.txt', 'b.txt']);
    expect(two.stderr).toBe('(the first 2 shown; there are more: raise --limit)\n');
    const found = await cli('bin', 'limits', '--search', 'report', '--limit', '1');
    expect(found.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['c-report.txt']);
    expect(found.stderr).toMatch(/there are more/);
    const all = await cli('bin', 'limits', '--search', 'report', '--limit', '5');
    expect(ok(all).trim().split('\n')).toHaveLength(3);
  });

  it('prints names with control characters escaped, never raw', async () => {
    const odd = await pds.ok('/v2/drive/create', { drive_name: 'odd' }, 201);
    const folder = await makeFolder(pds, odd.drive_id as string, 'root', 'dir\u001b[31mred');
    // (Bidi controls are refused in names by the server; the CLI would escape them too.)
    const name = 'evil\u001b]0;pwned\u0007\r\nline\u009b1m\u007f.txt';
    const f = await uploadFile(pds, odd.drive_id as string, folder.file_id as string, name, 'x');
    const shown = 'evil\\x1b]0;pwned\\x07\\r\\nline\\x9b1m\\x7f.txt';
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
    const ls = ok(await cli('ls', 'odd', '/dir\u001b[31mred'));
    expect(ls).toContain(shown);
    expect(ls).not.toMatch(raw);
    const json = ok(await cli('ls', 'odd', '/dir\u001b[31mred', '--json'));
    expect(json).not.toMatch(raw);
    expect((JSON.parse(json) as Json[])[0]!.name).toBe(name);
    const trashed = ok(await cli('trash', 'odd', '/dir\u001b[31mred'));
    expect(trashed).toMatch(/^trashed \/dir\\x1b\[31mred \(id /);
    expect(trashed).not.toMatch(raw);
    const bin = ok(await cli('bin', 'odd', 'dir\u001b[31mred'));
    expect(bin).toContain(shown);
    expect(bin).not.toMatch(raw);
    // An error that names it (here the server's own message) is escaped as well.
    const err = refused(await cli('ls', 'odd', `/nothing\u001b[2J`));
    expect(err).toContain('nothing\\x1b[2J');
    expect(err).not.toMatch(raw);
    expect(f.file_id).toBeTruthy();
  });
});
