import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { inconsistencies } from '../support/consistency.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { type SpawnedNode, spawnNode } from '../support/spawn-node.js';
import { onPostgres } from './support/nodes.js';

/** Every blob file on disk, published or staged. */
async function blobFiles(dataDir: string): Promise<Set<string>> {
  const found = new Set<string>();
  const objects = join(dataDir, 'blobs', 'objects');
  for (const shard of await readdir(objects)) for (const f of await readdir(join(objects, shard))) found.add(f);
  for (const f of await readdir(join(dataDir, 'blobs', 'tmp'))) found.add(f);
  return found;
}

describe.skipIf(!onPostgres)('a node killed mid-purge', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  });

  it('has its job taken over by another node once the lease runs out, losing nothing', async () => {
    // Seed with the engine off, so the delete job waits for the node we are going to kill.
    const seed: TestNode = await startTestNode({ database: 'postgres', jobConcurrency: 0 });
    cleanup.push(() => seed.destroy());
    const me = seed.adminActor;
    const s = seed.salvage;
    const drive = await s.drives.create(me, { name: 'takeover', origin: 'pds' });
    const keep = await s.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'keep' });
    const kept = await s.entries.createFile(me, { driveId: drive.id, parentId: keep.entry.id, name: 'k.txt', content: Readable.from([Buffer.from('keep me')]) });
    const big = await s.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'big' });
    for (let d = 0; d < 6; d++) {
      const sub = await s.entries.createFolder(me, { driveId: drive.id, parentId: big.entry.id, name: `sub${d}` });
      for (let i = 0; i < 250; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            s.entries.createFile(me, { driveId: drive.id, parentId: sub.entry.id, name: `f${i + j}`, content: Readable.from([Buffer.alloc(16, 7)]) }),
          ),
        );
      }
    }
    const job = await s.bin.delete(me, { driveId: drive.id, fileId: big.entry.id, policy: 'queue', binOnly: false });
    expect(job.total).toBe(1 + 6 + 6 * 250);

    // The doomed node: short lease, small batches.
    const doomed: SpawnedNode = await spawnNode({
      dataDir: seed.dataDir,
      env: {
        SALVAGE_DATABASE_URL: seed.databaseUrl,
        SALVAGE_JOB_LEASE_MS: '1500',
        SALVAGE_PURGE_BATCH_SIZE: '10',
        SALVAGE_POLL_INTERVAL_MS: '50',
        SALVAGE_JOB_CONCURRENCY: '1',
      },
    });
    cleanup.push(() => doomed.kill());
    const firstOwner = await eventually(async () => {
      const j = await s.jobs.get(me, String(job.id));
      return j.processed >= 100 && j.leaseOwner ? j.leaseOwner : undefined;
    }, 60_000);
    await doomed.kill();
    const atKill = await s.jobs.get(me, String(job.id));
    expect(atKill.state).toBe('running');
    expect(atKill.processed).toBeLessThan(atKill.total);
    expect(await inconsistencies(s, drive.id)).toEqual([]);

    // The survivor takes the job over when the dead node's lease expires.
    const survivor = await startTestNode({ databaseUrl: seed.databaseUrl, dataDir: seed.dataDir, jobConcurrency: 1 });
    cleanup.push(() => survivor.close());
    const finished = await eventually(async () => {
      const j = await s.jobs.get(me, String(job.id));
      return j.state === 'succeeded' ? j : undefined;
    }, 60_000);
    expect(finished.processed).toBe(finished.total);
    expect(finished.attempts).toBe(2);
    expect(finished.leaseOwner).toBeNull();
    expect(firstOwner).not.toBe(survivor.salvage.engine?.nodeId);

    // Nothing lost, nothing left over.
    expect((await s.entries.get(me, { driveId: drive.id, fileId: kept.entry.id })).contentHash).toBe(kept.entry.contentHash);
    expect(await inconsistencies(s, drive.id)).toEqual([]);
    const after = await s.drives.get(me, drive.id);
    expect(after.usedSize).toBe(7);
    expect(after.binBytes).toBe(0);
    await eventually(async () => {
      const referenced = new Set(
        (await s.ctx.store.db.selectFrom('entries').select('blob_id').where('blob_id', 'is not', null).execute()).map((r) => r.blob_id!),
      );
      const files = await blobFiles(seed.dataDir);
      return [...files].every((f) => referenced.has(f)) && [...referenced].every((b) => files.has(b)) ? true : undefined;
    }, 10_000);
  });
});
