import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, type PdsClient, signIn, uploadFile } from '../pds/support/pds-client.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, type CliResult, misused, refused } from './support/run-cli.js';

/** Exit 0; stderr holds only the wait's own lines (a bar is drawn on a terminal only). */
const done = (r: CliResult): string => {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr.split('\n').filter((l) => l && !/^waiting for job \d+ \(Ctrl-C cancels it\)$/.test(l) && !/^job \d+: /.test(l))).toEqual([]);
  return r.stdout;
};

/** `salvage trash` of several paths, `salvage restore --all [--dry-run]`, `salvage undo` (issue 14 item 7). */
describe('salvage restore --all and salvage undo', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  let pds: PdsClient;
  let drive: string;
  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    pds = await signIn(node);
    drive = (await pds.ok('/v2/drive/create', { drive_name: 'bulk' }, 201)).drive_id as string;
  });
  afterAll(async () => node?.destroy());

  const liveNames = async (parent = 'root') =>
    ((await pds.ok('/v2/file/list', { drive_id: drive, parent_file_id: parent, limit: 100 })).items as { name: string }[]).map((i) => i.name).sort();
  const binNames = async () => ((await pds.ok('/v2/recyclebin/list', { drive_id: drive, limit: 100 })).items as { name: string }[]).map((i) => i.name).sort();

  it('trashes several paths as one deletion and undoes it', { timeout: 120_000 }, async () => {
    const docs = (await makeFolder(pds, drive, 'root', 'docs')).file_id as string;
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await uploadFile(pds, drive, docs, name, name);
    const out = done(await cli('trash', 'bulk', '/docs/a.txt', '/docs/b.txt'));
    const eventId = /deletion event (de-[0-9a-f]+): undo all 2 with: salvage undo bulk \1/.exec(out)?.[1];
    expect(eventId, out).toBeDefined();
    done(await cli('trash', 'bulk', '/docs/c.txt'));
    expect(await liveNames(docs)).toEqual([]);

    const dry = JSON.parse(done(await cli('undo', 'bulk', eventId!, '--dry-run', '--json'))) as { count: number; items: { restored_name: string }[] };
    expect([dry.count, dry.items.map((i) => i.restored_name).sort()]).toEqual([2, ['a.txt', 'b.txt']]);
    expect(await liveNames(docs), 'a dry run changes nothing').toEqual([]);
    expect(done(await cli('undo', 'bulk', eventId!))).toMatch(/^restored 2 items \(job \d+\)\n$/);
    expect(await liveNames(docs)).toEqual(['a.txt', 'b.txt']);
    expect(await binNames()).toEqual(['c.txt']);
  });

  it('restores everything a search finds, with a dry run naming where and as what', { timeout: 120_000 }, async () => {
    const logs = (await makeFolder(pds, drive, 'root', 'logs')).file_id as string;
    for (const name of ['one.log', 'two.log', 'keep.txt']) {
      const f = await uploadFile(pds, drive, logs, name, name);
      await pds.ok('/v2/recyclebin/trash', { drive_id: drive, file_id: f.file_id }, 202);
    }
    await uploadFile(pds, drive, logs, 'one.log', 'a new one');
    const table = done(await cli('restore', 'bulk', '--all', '--search', 'file_extension = "log"', '--from', '/logs', '--dry-run'));
    expect(table).toContain('would restore 2 items');
    expect(table).toMatch(/one\.log\s+\/logs\s+one \(restored\)\.log/);
    expect(await liveNames(logs)).toEqual(['one.log']);
    expect(done(await cli('restore', 'bulk', '--all', '--search', 'log', '--since', '1h'))).toMatch(/^restored 2 items/);
    expect(await liveNames(logs)).toEqual(['one (restored).log', 'one.log', 'two.log']);
    expect(await binNames()).toEqual(['c.txt', 'keep.txt']);

    expect(misused(await cli('restore', 'bulk', 'keep.txt', '--all'))).toContain('not both');
    expect(misused(await cli('restore', 'bulk', '--dry-run'))).toContain('--all');
    expect(misused(await cli('restore', 'bulk'))).toContain('--all');
  });
});
