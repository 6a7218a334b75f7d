import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markStep } from '../../src/core/recycle-bin/search-marks.js';
import { bulkFill } from '../crash/bulk-fill.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';

const databases = await testDatabases();

describe.each(databases)('search marking and delete jobs on %s', (database) => {
  /**
   * Marking the rows a delete job is removing only doubled the purge's writes (issue 9
   * item 6: the job spent a third of its writer's time on them). A folder that a delete
   * takes is not marked while the job runs; if the job is cancelled, what is left is a bin
   * item again and is marked like any other.
   */
  let node: TestNode;
  beforeAll(async () => {
    // No marking of its own (markStep is run here), and a purge of one row a step, so the
    // job is still running when the test cancels it.
    node = await startTestNode({ database, purgeBatchSize: 1, searchMarkBatchSize: 0 });
  });
  afterAll(async () => node?.destroy());

  const db = () => node.salvage.ctx.store.db;
  const markWork = async (rootId: string) =>
    (await sql<{ state: string }>`select state from search_marks where root_id = ${rootId}`.execute(db())).rows.map((r) => r.state);
  const markedUnder = async (rootId: string) =>
    Number((await sql<{ n: number }>`select count(*) as n from entries where binned_under = ${rootId}`.execute(db())).rows[0]!.n);
  const treeCount = async (id: string) =>
    Number((await sql<{ n: number }>`select tree_count as n from entries where id = ${id}`.execute(db())).rows[0]!.n);
  const folderOf = async (driveId: string, name: string) => {
    const { salvage, adminActor: me } = node;
    const top = (await salvage.entries.createFolder(me, { driveId, parentId: 'root', name })).entry.id;
    await bulkFill(salvage, me, driveId, [top], { folders: 2, filesPerFolder: 100, emptyPerFolder: 0 });
    return top;
  };
  const cancelMidway = async (jobId: number) => {
    const { salvage, adminActor: me } = node;
    await eventually(async () => ((await salvage.jobs.get(me, String(jobId))).processed > 0 ? true : undefined));
    await salvage.jobs.cancel(me, String(jobId));
    const job = await eventually(async () => {
      const j = await salvage.jobs.get(me, String(jobId));
      return j.state === 'queued' || j.state === 'running' ? undefined : j;
    });
    expect(job.state).toBe('cancelled');
  };
  /** What a cancel left of `top` is a bin item again: queued for marking, then marked whole. */
  const markedAgain = async (driveId: string, top: string) => {
    expect(await markWork(top), 'back in the bin: marked like any bin item').toEqual(['marking']);
    while (await markStep(node.salvage.ctx, 50, driveId));
    expect(await markedUnder(top)).toBe((await treeCount(top)) - 1);
  };

  it('does not mark a live folder deleted for good, and marks what a cancel leaves in the bin', async () => {
    const { salvage, adminActor: me } = node;
    const driveId = (await salvage.drives.create(me, { name: 'live-delete', origin: 'pds' })).id;
    const top = await folderOf(driveId, 'going');
    const job = await salvage.bin.delete(me, { driveId, fileId: top, policy: 'queue', binOnly: false });
    expect(await markWork(top), 'no marking queued for a folder a delete takes').toEqual([]);
    await cancelMidway(job.id);
    await markedAgain(driveId, top);
    expect(await markWork(top)).toEqual([]);
  });

  it('drops the marking of a bin folder once a delete takes it, and queues it again on a cancel', async () => {
    const { salvage, adminActor: me } = node;
    const driveId = (await salvage.drives.create(me, { name: 'bin-delete', origin: 'pds' })).id;
    const top = await folderOf(driveId, 'binned');
    await salvage.bin.trash(me, { driveId, fileId: top });
    expect(await markWork(top)).toEqual(['marking']);
    // Part of it marked, then a delete takes it.
    await markStep(salvage.ctx, 50, driveId);
    await markStep(salvage.ctx, 50, driveId);
    const job = await salvage.bin.delete(me, { driveId, fileId: top, policy: 'queue', binOnly: false });
    await markStep(salvage.ctx, 50, driveId);
    expect(await markWork(top), 'a root being purged is not marked further').toEqual([]);
    await cancelMidway(job.id);
    await markedAgain(driveId, top);
  });

  it('queues the marking of what a cancelled delete_all leaves of the item it had taken', async () => {
    const { salvage, adminActor: me } = node;
    const driveId = (await salvage.drives.create(me, { name: 'delete-all', origin: 'pds' })).id;
    const top = await folderOf(driveId, 'binned');
    await salvage.bin.trash(me, { driveId, fileId: top });
    const job = await salvage.bin.deleteAll(me, { driveId });
    await eventually(async () => ((await salvage.jobs.get(me, String(job.id))).processed > 0 ? true : undefined));
    await markStep(salvage.ctx, 50, driveId);
    expect(await markWork(top), 'the item delete_all took is not marked further').toEqual([]);
    await cancelMidway(job.id);
    await markedAgain(driveId, top);
  });
});
