import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, type CliResult } from './support/run-cli.js';

/** Every step must succeed; a failure shows what the CLI said. */
const ok = (r: CliResult): string => {
  expect(r.stderr.split('\n').filter((l) => l.startsWith('salvage:'))).toEqual([]);
  expect(r.code).toBe(0);
  return r.stdout;
};

// One drive walked through the everyday flow in order; each step builds on the last.
describe('salvage client commands, the everyday flow', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  let local: string;
  const content = randomBytes(300_000);

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    local = await mkdtemp(join(tmpdir(), 'salvage-cli-'));
    await writeFile(join(local, 'plan.bin'), content);
  });
  afterAll(async () => {
    await node?.destroy();
    await rm(local, { recursive: true, force: true });
  });

  it('makes a drive and lists it with used and total space', async () => {
    expect(ok(await cli('drive-create', 'demo', '--quota', '10M'))).toMatch(/^created drive 'demo' \(\w+, quota 10 MiB\)/);
    const [table, json] = await Promise.all([cli('drives'), cli('drives', '--json')]);
    expect(ok(table)).toMatch(/demo\s+0 B\s+10 MiB/);
    expect(JSON.parse(ok(json))).toMatchObject([{ drive_name: 'demo', used_size: 0, total_size: 10 * 2 ** 20 }]);
  });

  it('makes folders like mkdir -p, uploads a file and lists it', async () => {
    expect(ok(await cli('mkdir', 'demo', '/projects/2024'))).toBe('created /projects/2024\n');
    expect(ok(await cli('mkdir', 'demo', 'projects'))).toBe('/projects already exists\n');
    expect(ok(await cli('put', 'demo', join(local, 'plan.bin'), '/projects'))).toMatch(/^uploaded .*plan\.bin to \/projects\/plan\.bin \(293 KiB, id \w+\)/);
    const again = await cli('put', 'demo', join(local, 'plan.bin'), '/projects');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("'plan.bin' already exists there (use --rename to keep both)");

    const [listing, json, one] = await Promise.all([cli('ls', 'demo', '/projects'), cli('ls', 'demo', '/projects', '--json'), cli('ls', 'demo', '/projects/plan.bin')]);
    expect(ok(listing)).toMatch(/^TYPE\s+SIZE\s+MODIFIED\s+NAME\nfolder\s+-\s+\S+ \S+\s+2024\/\nfile\s+293 KiB\s+\S+ \S+\s+plan\.bin\n$/);
    expect(JSON.parse(ok(json))).toMatchObject([{ name: '2024', type: 'folder' }, { name: 'plan.bin', type: 'file', size: content.length }]);
    expect(ok(one)).toMatch(/file\s+293 KiB\s+.*plan\.bin/);
  });

  it('downloads the file back byte for byte, and will not clobber a local file', async () => {
    const target = join(local, 'back.bin');
    expect(ok(await cli('get', 'demo', '/projects/plan.bin', target))).toBe(`downloaded /projects/plan.bin to ${target} (293 KiB)\n`);
    expect((await readFile(target)).equals(content)).toBe(true);
    const again = await cli('get', 'demo', '/projects/plan.bin', target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists (use --force to overwrite it)');
  });

  it('trashes a folder, lists the bin, and restores it beside the folder that took its name', async () => {
    expect(ok(await cli('trash', 'demo', '/projects'))).toMatch(/^trashed \/projects \(id \w+; undo with: salvage restore demo \w+\)/);
    expect(ok(await cli('mkdir', 'demo', '/projects'))).toBe('created /projects\n');
    expect(ok(await cli('bin', 'demo'))).toMatch(/^NAME\s+DELETED\s+DELETED BY\s+FROM\s+DAYS LEFT\s+ID\nprojects\/\s+\S+ \S+\s+admin\s+\/\s+30\s+\w+\n$/);
    // Inside the trashed folder, by name (the bin's listing with parent_file_id).
    expect(ok(await cli('bin', 'demo', 'projects'))).toMatch(/^NAME\s+SIZE\s+DELETED\s+DAYS LEFT\s+ID\n2024\/\s+-\s+\S+ \S+\s+30\s+\w+\nplan\.bin\s+\S+ \S+\s+\S+ \S+\s+30\s+\w+\n$/);
    expect(ok(await cli('restore', 'demo', 'projects'))).toBe("restored projects to /projects (restored) (renamed: 'projects' was taken there)\n");
    expect(ok(await cli('ls', 'demo', '/projects (restored)'))).toContain('plan.bin');
  });

  it('purges a bin item by id, waiting for the job', async () => {
    ok(await cli('trash', 'demo', '/projects (restored)/plan.bin'));
    const [item] = JSON.parse(ok(await cli('bin', 'demo', '--json'))) as { file_id: string; name: string }[];
    expect(item?.name).toBe('plan.bin');
    const purged = await cli('purge', 'demo', item!.file_id, '--yes');
    expect(ok(purged)).toMatch(/^purged plan\.bin for good \(1 entry, job \d+\)\n$/);
    expect(purged.stderr).toMatch(/waiting for job \d+/);
    expect(ok(await cli('bin', 'demo'))).toBe('the recycle bin is empty\n');
    expect(JSON.parse(ok(await cli('drives', '--json')))).toMatchObject([{ used_size: 0 }]);
  });

  it('empties the bin and lists the jobs that did it', async () => {
    ok(await cli('trash', 'demo', '/projects (restored)'));
    ok(await cli('trash', 'demo', '/projects'));
    expect(ok(await cli('empty-bin', 'demo', '--yes'))).toMatch(/^emptied the bin of demo \(3 entries, job \d+\)\n$/);
    const [bin, jobs, json] = await Promise.all([cli('bin', 'demo'), cli('jobs', '--drive', 'demo'), cli('jobs', '--json', '--state', 'complete')]);
    expect(ok(bin)).toBe('the recycle bin is empty\n');
    expect(ok(jobs).split('\n').slice(0, 4)).toEqual([
      expect.stringMatching(/^ID\s+TYPE\s+STATE\s+DONE\s+DRIVE\s+CREATED\s+TARGET$/),
      expect.stringMatching(/^\d+\s+CLEAR\s+COMPLETE\s+3\/3\s+demo\s.*demo$/),
      expect.stringMatching(/^\d+\s+DELETE\s+COMPLETE\s+1\/1\s+demo\s.*plan\.bin$/),
      expect.stringMatching(/^\d+\s+RESTORE\s+COMPLETE\s+1\/1\s+demo\s.*projects$/),
    ]);
    const statuses = JSON.parse(ok(json)) as { jobType: string; jobState: string }[];
    expect(statuses.map((s) => s.jobType)).toEqual(['CLEAR', 'DELETE', 'RESTORE']);
  });
});
