import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, signIn } from '../pds/support/pds-client.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, ok } from './support/run-cli.js';

/** `salvage bin` says who deleted each item, by name, in its table and in --json. */
describe('salvage bin, deleted by', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  beforeAll(async () => {
    node = await startTestNode();
    cli = cliFor(node.url);
  });
  afterAll(async () => node?.destroy());

  it('names who trashed each item, also once that user is deleted', { timeout: 180_000 }, async () => {
    const admin = await signIn(node);
    const erin = await admin.ok('/v2/user/create', { user_name: 'erin', password: 'erin-password' }, 201);
    const drive = erin.default_drive_id as string;
    const asErin = await signIn(node, 'erin', 'erin-password');
    const mine = await makeFolder(asErin, drive, 'root', 'by-erin');
    const theirs = await makeFolder(asErin, drive, 'root', 'by-admin');
    await asErin.ok('/v2/recyclebin/trash', { drive_id: drive, file_id: mine.file_id }, 202);
    await admin.ok('/v2/recyclebin/trash', { drive_id: drive, file_id: theirs.file_id }, 202);

    const [table, json] = await Promise.all([cli('bin', drive), cli('bin', drive, '--json')]);
    const lines = ok(table).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+DELETED\s+DELETED BY\s+FROM\s+DAYS LEFT\s+ID$/);
    // Newest first: the admin trashed last.
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^by-admin\/\s+\S+ \S+\s+admin\s+\/\s+30\s+\w+$/),
      expect.stringMatching(/^by-erin\/\s+\S+ \S+\s+erin\s+\/\s+30\s+\w+$/),
    ]);
    const items = JSON.parse(ok(json)) as { name: string; trashed_by: string; trashed_by_name: string }[];
    expect(items.map((i) => [i.name, i.trashed_by, i.trashed_by_name])).toEqual([
      ['by-admin', node.adminActor.userId, 'admin'],
      ['by-erin', erin.user_id, 'erin'],
    ]);

    await admin.ok('/v2/user/delete', { user_id: erin.user_id, drive_policy: 'transfer', transfer_to_user_id: node.adminActor.userId }, 204);
    expect(ok(await cli('bin', drive))).toMatch(/\nby-erin\/\s+\S+ \S+\s+erin\s+\/\s+30\s+\w+\n$/);
  });
});
