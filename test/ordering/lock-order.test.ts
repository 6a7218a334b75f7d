import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOnlySuite } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { bytes } from '../core/refusals/fixture.js';

const onPostgres = await postgresOnlySuite();

/**
 * Regression: a queued restore, run by the job engine, once took its row locks in another
 * order than a trash on the same drive (entries first and the drive row last, where trash
 * locks the drive first) and PostgreSQL answered one of them `40P01 deadlock detected`.
 * Every write now holds the drive lock before anything else, by construction. SQLite has
 * one writer and cannot deadlock, so this runs on PostgreSQL only.
 */
describe.skipIf(!onPostgres)('queued restores racing trashes on one drive, on PostgreSQL', () => {
  const database = 'postgres';
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database, jobConcurrency: 4, pollIntervalMs: 5 });
  });
  afterAll(async () => node?.destroy());

  it('never deadlocks: every trash and every restore succeeds', async () => {
    const { salvage, adminActor: me } = node;
    const d = (await salvage.drives.create(me, { name: 'race', origin: 'pds' })).id;
    const folder = async (name: string) => (await salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name })).entry.id;
    const file = async (parentId: string, name: string) =>
      (await salvage.entries.createFile(me, { driveId: d, parentId, name, content: bytes('x') })).entry.id;
    const ROUNDS = 12;
    const PER_ROUND = 12;
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Restores go back into one folder each (their chains share it and root); the
      // trashes take files out of the same folders at the same time.
      const dirs = [await folder(`a${round}`), await folder(`b${round}`)];
      const toRestore: string[] = [];
      const toTrash: string[] = [];
      for (let i = 0; i < PER_ROUND; i++) {
        const dir = dirs[i % 2]!;
        toRestore.push(await file(dir, `r${i}`));
        toTrash.push(await file(dir, `t${i}`));
      }
      for (const id of toRestore) await salvage.bin.trash(me, { driveId: d, fileId: id });
      // A job ahead makes every restore wait for the engine, which then runs them while
      // the trashes below arrive.
      const ahead = await file('root', `ahead${round}`);
      await salvage.bin.delete(me, { driveId: d, fileId: ahead, policy: 'queue', binOnly: false });
      const restores = await Promise.all(toRestore.map((fileId) => salvage.bin.restore(me, { driveId: d, fileId, policy: 'queue' })));
      const trashes = toTrash.map((fileId) =>
        salvage.bin.trash(me, { driveId: d, fileId }).catch((err: Error) => failures.push(`trash: ${err.message}`)),
      );
      await Promise.all(trashes);
      for (const { job } of restores) {
        const done = await eventually(async () => {
          const j = await salvage.jobs.get(me, String(job.id));
          return j.state === 'queued' || j.state === 'running' ? undefined : j;
        });
        if (done.state !== 'succeeded') failures.push(`restore ${job.id}: ${done.state} ${done.errorCode ?? ''} ${done.errorMessage ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
