import { Readable } from 'node:stream';
import * as $Nas from '@alicloud/nas20170626';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Salvage } from '../../src/core/salvage.js';
import type { Actor, Drive } from '../../src/core/types.js';
import { nasClient, noRetries } from '../nas/support/clients.js';
import { inconsistencies } from '../support/consistency.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { onPostgres, stopTwoNodes, twoNodes } from './support/nodes.js';

async function fillFolder(s: Salvage, me: Actor, driveId: string, parentId: string, files: number): Promise<void> {
  for (let i = 0; i < files; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, files - i) }, (_, j) =>
        s.entries.createFile(me, { driveId, parentId, name: `f${i + j}.bin`, content: Readable.from([Buffer.alloc(10, 1)]) }),
      ),
    );
  }
}

const settled = (s: Salvage, me: Actor, driveId: string) =>
  eventually(async () => {
    const { items } = await s.jobs.list(me, { driveId, states: ['queued', 'running'], limit: 1 });
    return items.length === 0 ? true : undefined;
  }, 60_000);

describe.skipIf(!onPostgres)('two nodes on one PostgreSQL database', () => {
  let a: TestNode;
  let b: TestNode;
  beforeAll(async () => ({ a, b } = await twoNodes()));
  afterAll(async () => stopTwoNodes({ a, b }));

  it('200 concurrent conflicting job creations over HTTP on both nodes leave exactly one job per drive', async () => {
    const me = a.adminActor;
    const drives: string[] = [];
    const items = new Map<string, string[]>();
    for (let d = 0; d < 2; d++) {
      const drive = await a.salvage.drives.create(me, { name: `race${d}`, origin: 'pds' });
      drives.push(drive.id);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const f = await a.salvage.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: `d${i}` });
        await a.salvage.bin.trash(me, { driveId: drive.id, fileId: f.entry.id });
        ids.push(f.entry.id);
      }
      items.set(drive.id, ids);
    }
    // The official NAS client against each node; the engines are off, so a created job
    // stays queued and holds its drive for the whole race.
    const clients = [nasClient(a), nasClient(b)];
    const attempts = Array.from({ length: 200 }, (_, i) => {
      const driveId = drives[i % 2]!;
      const fileId = items.get(driveId)![Math.floor(i / 2) % 4]!;
      return clients[Math.floor(i / 2) % 2]!
        .createRecycleBinDeleteJobWithOptions(new $Nas.CreateRecycleBinDeleteJobRequest({ fileSystemId: driveId, fileId }), noRetries())
        .then(
          (answer) => ({ ok: true as const, driveId, fileId, jobId: answer.body!.jobId! }),
          (err: { code?: string; message?: string }) => ({ ok: false as const, driveId, fileId, code: err.code, message: err.message }),
        );
    });
    const results = await Promise.all(attempts);
    for (const driveId of drives) {
      const mine = results.filter((r) => r.driveId === driveId);
      const made = mine.filter((r) => r.ok);
      expect(made).toHaveLength(1);
      const winner = made[0]!;
      for (const r of mine.filter((x) => !x.ok)) {
        // The same FileId is a conflict naming the job; any other is one job too many.
        if (r.fileId === winner.fileId) {
          expect(r.code, r.message).toBe('OperationDenied.Conflict');
          expect(r.message).toContain(`(${winner.jobId})`);
        } else {
          expect(r.code, r.message).toBe('OperationDenied.TooManyRunningJobs');
        }
      }
      const { items: active } = await a.salvage.jobs.list(me, { driveId, states: ['queued', 'running'], limit: 10 });
      expect(active.map((j) => String(j.id))).toEqual([winner.jobId]);
      expect(await inconsistencies(a.salvage, driveId)).toEqual([]);
    }
  });

  it('queued jobs from both nodes run one at a time per drive, each on one node', async () => {
    const me = a.adminActor;
    const c = await startTestNode({ databaseUrl: a.databaseUrl, dataDir: a.dataDir, jobConcurrency: 2, purgeBatchSize: 5 });
    const d = await startTestNode({ databaseUrl: a.databaseUrl, dataDir: a.dataDir, jobConcurrency: 2, purgeBatchSize: 5 });
    try {
      const drives: Drive[] = [];
      for (let i = 0; i < 3; i++) drives.push(await a.salvage.drives.create(me, { name: `q${i}`, origin: 'pds' }));
      const jobIds: number[] = [];
      for (const drive of drives) {
        for (let i = 0; i < 6; i++) {
          const f = await a.salvage.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: `p${i}` });
          await fillFolder(a.salvage, me, drive.id, f.entry.id, 20);
          const node = i % 2 === 0 ? c : d;
          jobIds.push((await node.salvage.bin.delete(me, { driveId: drive.id, fileId: f.entry.id, policy: 'queue', binOnly: false })).id);
        }
      }
      // Sample the database while the jobs run: never two running on one drive.
      const db = a.salvage.ctx.store.db;
      let maxRunning = 0;
      let owners = new Set<string>();
      const done = eventually(async () => {
        const rows = await db.selectFrom('jobs').select(['drive_id', 'state', 'lease_owner']).where('id', 'in', jobIds).execute();
        const running = new Map<string, number>();
        for (const r of rows) {
          if (r.state === 'running') running.set(r.drive_id, (running.get(r.drive_id) ?? 0) + 1);
          if (r.lease_owner) owners = owners.add(r.lease_owner);
        }
        maxRunning = Math.max(maxRunning, ...running.values(), 0);
        return rows.every((r) => r.state === 'succeeded') ? true : undefined;
      }, 90_000, 5);
      await done;
      expect(maxRunning).toBe(1);
      expect(owners.size).toBeGreaterThanOrEqual(1);
      for (const drive of drives) {
        expect(await inconsistencies(a.salvage, drive.id)).toEqual([]);
        expect((await a.salvage.drives.get(me, drive.id)).usedSize).toBe(0);
      }
    } finally {
      await c.close();
      await d.close();
    }
  });

  it('both nodes serve reads and writes while a purge runs', async () => {
    const me = a.adminActor;
    const worker = await startTestNode({ databaseUrl: a.databaseUrl, dataDir: a.dataDir, jobConcurrency: 1, purgeBatchSize: 10 });
    try {
      const drive = await a.salvage.drives.create(me, { name: 'busy', origin: 'pds' });
      const big = await a.salvage.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'big' });
      await fillFolder(a.salvage, me, drive.id, big.entry.id, 300);
      const work = await b.salvage.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name: 'work' });
      const job = await a.salvage.bin.delete(me, { driveId: drive.id, fileId: big.entry.id, policy: 'queue', binOnly: false });
      for (let i = 0; i < 40; i++) {
        const writer = i % 2 === 0 ? a : b;
        const reader = i % 2 === 0 ? b : a;
        const f = await writer.salvage.entries.createFile(me, {
          driveId: drive.id,
          parentId: work.entry.id,
          name: `w${i}.txt`,
          content: Readable.from([Buffer.from(`file ${i}`)]),
        });
        expect((await reader.salvage.entries.get(me, { driveId: drive.id, fileId: f.entry.id })).name).toBe(`w${i}.txt`);
        if (i % 5 === 0) await reader.salvage.bin.trash(me, { driveId: drive.id, fileId: f.entry.id });
      }
      await settled(a.salvage, me, drive.id);
      expect((await a.salvage.jobs.get(me, String(job.id))).state).toBe('succeeded');
      const listed = await b.salvage.entries.list(me, { driveId: drive.id, parentId: work.entry.id, limit: 100 });
      expect(listed.items).toHaveLength(32);
      expect((await a.salvage.bin.list(me, { driveId: drive.id })).items).toHaveLength(8);
      expect(await inconsistencies(a.salvage, drive.id)).toEqual([]);
    } finally {
      await worker.close();
    }
  });
});
