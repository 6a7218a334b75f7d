import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';

/**
 * SQLite's trigram table (migration 0016: `bin_names`, keyed by `bin_name_keys`) holds
 * exactly the names of bin items, whatever path changed them: trash, restore (with a
 * rename), restore from inside a trashed folder, permanent delete, emptying the bin.
 */
describe('the bin names the trigram table holds, on sqlite', () => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database: 'sqlite' });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'bin-names' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const db = () => node.salvage.ctx.store.db;
  const indexed = async () =>
    (await sql<{ row: string }>`select k.drive_id || '/' || k.id || '/' || f.name as row from bin_name_keys k join bin_names f on f.rowid = k.rowid`.execute(db())).rows
      .map((r) => r.row)
      .sort();
  const expected = async () =>
    (await sql<{ row: string }>`select drive_id || '/' || id || '/' || name as row from entries where trashed_at is not null`.execute(db())).rows
      .map((r) => r.row)
      .sort();
  const inStep = async () => {
    expect(await indexed()).toEqual(await expected());
    const counts = await sql<{ keys: number; names: number }>`select (select count(*) from bin_name_keys) as keys, (select count(*) from bin_names) as names`.execute(db());
    expect(counts.rows[0]!.keys).toBe(counts.rows[0]!.names);
  };
  const marked = () =>
    eventually(async () => (Number((await sql<{ n: number }>`select count(*) as n from search_marks`.execute(db())).rows[0]!.n) === 0 ? true : undefined));
  const trash = (fileId: string) => pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: fileId }, 202);

  it('follows trash, restore, rename on restore, permanent delete and emptying', async () => {
    const box = await makeFolder(pds, driveId, 'root', 'box');
    const inner = await makeFolder(pds, driveId, box.file_id, 'inner');
    const deep = await uploadFile(pds, driveId, inner.file_id, 'deep.txt', 'x');
    const one = await uploadFile(pds, driveId, 'root', 'one.txt', 'x');
    await trash(box.file_id);
    await trash(one.file_id);
    await inStep();
    await marked();
    expect((await indexed()).length).toBe(2);
    await inStep();
    // A live file takes the name; restoring the bin item renames it.
    await uploadFile(pds, driveId, 'root', 'one.txt', 'y');
    await waitForTask(pds, (await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: one.file_id }, 202)).async_task_id);
    await inStep();
    // Restored from inside the trashed folder: its marks are redone.
    await waitForTask(pds, (await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: deep.file_id }, 202)).async_task_id);
    await marked();
    await inStep();
    const again = await uploadFile(pds, driveId, 'root', 'again.txt', 'x');
    await trash(again.file_id);
    const purged = await pds.call('/v2/file/delete', { drive_id: driveId, file_id: again.file_id, permanently: true });
    if (purged.status === 202) await waitForTask(pds, purged.body.async_task_id);
    await inStep();
    await waitForTask(pds, (await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202)).async_task_id);
    await marked();
    await inStep();
    expect(await indexed()).toEqual([]);
  });
});
