import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, signIn, uploadFile } from '../pds/support/pds-client.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, ok } from './support/run-cli.js';

/** `salvage bin <drive> --search --deleted-by --since --until --from` (issue 14 item 7). */
describe('salvage bin, searching', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
  });
  afterAll(async () => node?.destroy());

  it('builds the bin search from its flags', { timeout: 180_000 }, async () => {
    const admin = await signIn(node);
    const erin = await admin.ok('/v2/user/create', { user_name: 'erin', password: 'erin-password' }, 201);
    const drive = erin.default_drive_id as string;
    const asErin = await signIn(node, 'erin', 'erin-password');
    const docs = await makeFolder(asErin, drive, 'root', 'docs');
    const sub = await makeFolder(asErin, drive, docs.file_id, 'sub');
    const trash = async (who: typeof admin, parent: string, name: string) => {
      const f = await uploadFile(asErin, drive, parent, name, 'x'.repeat(name.length * 100));
      await who.ok('/v2/recyclebin/trash', { drive_id: drive, file_id: f.file_id }, 202);
    };
    await trash(asErin, docs.file_id, 'Report.pdf');
    await trash(admin, docs.file_id, 'report-old.txt');
    await trash(asErin, sub.file_id, 'deep-report.pdf');
    await trash(admin, 'root', 'photo.jpg');
    const names = async (...flags: string[]) => {
      const items = JSON.parse(ok(await cli('bin', drive, '--json', ...flags))) as { name: string }[];
      return items.map((i) => i.name);
    };

    // Newest first, as the bin lists.
    expect(await names('--search', 'REPORT')).toEqual(['deep-report.pdf', 'report-old.txt', 'Report.pdf']);
    expect(await names('--search', 'file_extension = "pdf" or size < 1000')).toEqual(['photo.jpg', 'deep-report.pdf', 'Report.pdf']);
    expect(await names('--deleted-by', 'admin')).toEqual(['photo.jpg', 'report-old.txt']);
    expect(await names('--deleted-by', erin.user_id, '--search', 'report')).toEqual(['deep-report.pdf', 'Report.pdf']);
    expect(await names('--from', '/docs')).toEqual(['report-old.txt', 'Report.pdf']);
    expect(await names('--from', docs.file_id, '--subfolders')).toEqual(['deep-report.pdf', 'report-old.txt', 'Report.pdf']);
    expect(await names('--since', '1h', '--until', '2999-01-01')).toHaveLength(4);
    expect(await names('--until', '1h')).toEqual([]);

    const table = ok(await cli('bin', drive, '--search', 'nothing-like-this'));
    expect(table.trim()).toBe('nothing in the recycle bin matches');
    const bad = await cli('bin', drive, '--since', 'last tuesday');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since takes an ISO 8601 time');
    const badQuery = await cli('bin', drive, '--search', 'size > "big"');
    expect(badQuery.code).not.toBe(0);
    expect(badQuery.stderr).toContain('query');
  });
});
