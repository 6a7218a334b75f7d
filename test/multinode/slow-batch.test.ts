import { afterAll, describe, expect, it } from 'vitest';
import { bulkFill } from '../crash/bulk-fill.js';
import { inconsistencies } from '../support/consistency.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';

const databases = await testDatabases();

describe.each(databases)('a batch that outlasts its lease on %s', (database) => {
  const nodes: TestNode[] = [];
  afterAll(async () => {
    for (const n of nodes.slice(1)) await n.close();
    await nodes[0]?.destroy();
  });

  it('is not claimed a second time by the node running it', async () => {
    const seed = await startTestNode({ database, jobConcurrency: 0 });
    nodes.push(seed);
    const s = seed.salvage;
    const me = seed.adminActor;
    const drive = await s.drives.create(me, { name: 'slow', origin: 'pds' });
    const big = await s.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'big' });
    await bulkFill(s, me, drive.id, [big.entry.id], { folders: 2, filesPerFolder: 3000, emptyPerFolder: 3000 });
    const job = await s.bin.delete(me, { driveId: drive.id, fileId: big.entry.id, policy: 'queue', binOnly: false });
    // A lease far shorter than one 6,000-row batch: the node's own poll sees it expire
    // while the batch is still running.
    const runner = await startTestNode({
      database,
      dataDir: seed.dataDir,
      databaseUrl: seed.databaseUrl,
      jobConcurrency: 2,
      jobLeaseMs: 100,
      purgeBatchSize: 6000,
      pollIntervalMs: 10,
    });
    nodes.push(runner);
    const done = await eventually(async () => {
      const j = await s.jobs.get(me, String(job.id));
      return j.state === 'queued' || j.state === 'running' ? undefined : j;
    }, 120_000);
    expect(done.state).toBe('succeeded');
    expect(done.attempts).toBe(1);
    expect(done.processed).toBe(done.total);
    expect(await inconsistencies(s, drive.id)).toEqual([]);
  });
});
