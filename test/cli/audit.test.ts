import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor } from './support/run-cli.js';

// The CLI speaks PDS and the Jobs API and says so: its actions are recorded as CLI.
describe('salvage audit', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;

  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
    expect((await cli('drive-create', 'books')).code).toBe(0);
    expect((await cli('mkdir', 'books', '/drafts')).code).toBe(0);
    expect((await cli('trash', 'books', '/drafts')).code).toBe(0);
  });
  afterAll(async () => node?.destroy());

  it('lists the trail newest first, filtered, as a table', async () => {
    const { code, stdout } = await cli('audit', '--drive', 'books', '--action', 'trash', '--actor', 'admin', '--since', '1d');
    expect(code).toBe(0);
    const [header, row, ...rest] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^TIME\s+ACTOR\s+VIA\s+ACTION\s+OUTCOME\s+DRIVE\s+JOB\s+SIZE\s+WHAT$/);
    expect(row).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\s+admin\s+CLI\s+trash\s+succeeded\s+\w+\s+-\s+0 B\s+\/drafts$/);
    expect(rest).toEqual([]);
    expect((await cli('audit', '--until', '2000-01-01')).stdout).toBe('no audit records\n');
  });

  it('exports every matching record as JSON Lines or CSV', async () => {
    const json = await cli('audit', '--action', 'trash', '--json');
    expect(json.code).toBe(0);
    const records = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toEqual([expect.objectContaining({ action: 'trash', dialect: 'CLI', actorName: 'admin', path: '/drafts', outcome: 'succeeded' })]);
    const csv = await cli('audit', '--action', 'trash', '--csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('id,time,actor,actorName,dialect,action,driveId,itemId,name,path,bytes,jobId,outcome,detail');
    expect(csv.stdout.split('\r\n')[1]).toContain(',CLI,trash,');
  });

  it('refuses bad arguments before asking the server', async () => {
    const bad = await cli('audit', '--action', 'rename');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/expected one of trash, restore/);
    expect((await cli('audit', '--since', 'last week')).stderr).toMatch(/ISO 8601/);
    expect((await cli('audit', '--json', '--csv')).stderr).toMatch(/choose one of --json and --csv/);
  });
});
