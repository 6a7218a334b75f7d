import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startTestNode } from '../support/node.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { bulkFill } from './bulk-fill.js';
import { seedTree } from './seed-tree.js';
import { type EntryFacts, snapshotBin, snapshotLive } from './snapshot.js';
import { blobFilesOnDisk, type JobFacts, readJob, stagedBlobFiles, storeFacts, subtreeLeft } from '../support/store-facts.js';

/**
 * SPEC section 2, permanent delete: "a crash in the middle loses nothing that was not
 * asked to be deleted; after restart the job carries on", and a trash root nested in the
 * purged folder survives it. The server runs as a child process and is killed with
 * SIGKILL twice while it purges a folder of 20,000+ entries; the data directory is
 * audited read-only after each kill and through the core at the end.
 */

/** Small batches: hundreds of commits, so a kill lands mid-way, between or inside one. */
const BATCH = 50;

interface Seeded {
  driveId: string;
  otherDriveId: string;
  bigId: string;
  nestedId: string;
  nestedCount: number;
  jobId: number;
  total: number;
  live: Map<string, EntryFacts>;
  bin: Map<string, EntryFacts>;
  otherLive: Map<string, EntryFacts>;
  otherBin: Map<string, EntryFacts>;
}

let dataDir: string;
let seeded: Seeded;
const child = () => new SpawnedNode({ dataDir, env: { SALVAGE_PURGE_BATCH_SIZE: String(BATCH), SALVAGE_POLL_INTERVAL_MS: '50' } });
let server: SpawnedNode | undefined;

const text = (s: string) => Readable.from([Buffer.from(s)]);

/** Builds the data directory in-process with no job engine, so the delete job stays queued. */
async function seed(): Promise<Seeded> {
  const node = await startTestNode({ dataDir, jobConcurrency: 0 });
  try {
    const { salvage: s, adminActor: me } = node;
    const drive = await s.drives.create(me, { name: 'crash', origin: 'pds' });
    const other = await s.drives.create(me, { name: 'other', origin: 'pds' });
    const driveId = drive.id;

    // Live data beside the target, in the same drive and in another one.
    await seedTree(s, me, driveId, 'root', 'keep', { folders: [3, 4], filesPerFolder: 5 });
    await s.entries.createFile(me, { driveId, parentId: 'root', name: 'readme.txt', content: text('stay') });
    await seedTree(s, me, other.id, 'root', 'photos', { folders: [2], filesPerFolder: 10 });

    // The target: its top through the core, its bulk by bulkFill (see why there).
    const big = await seedTree(s, me, driveId, 'root', 'big', { folders: [10, 10], filesPerFolder: 5 });
    const fill = await bulkFill(s, me, driveId, big.levels[2]!, { folders: 20, filesPerFolder: 3, emptyPerFolder: 7 });
    expect(big.entries + fill.entries).toBeGreaterThan(22_000);

    // Other bin items, trashed before and after the target's nested root.
    const old = await seedTree(s, me, driveId, 'root', 'old-stuff', { folders: [2], filesPerFolder: 10 });
    await s.bin.trash(me, { driveId, fileId: old.rootId });
    const loose = await s.entries.createFile(me, { driveId, parentId: 'root', name: 'loose.txt', content: text('loose') });
    await s.bin.trash(me, { driveId, fileId: loose.entry.id });
    const gone = await seedTree(s, me, other.id, 'root', 'gone', { folders: [1], filesPerFolder: 3 });
    await s.bin.trash(me, { driveId: other.id, fileId: gone.rootId });

    // A folder inside the target trashed on its own, earlier: it must outlive the purge.
    const nestedId = big.levels[1]![3]!;
    await s.bin.trash(me, { driveId, fileId: nestedId });
    const nestedCount = (await s.entries.state(me, driveId, nestedId)).entry.treeCount;
    expect(nestedCount).toBe(1 + 10 + 50 + 10 * 20 * 11);

    expect(storeFacts(dataDir).problems).toEqual([]);
    await s.bin.trash(me, { driveId, fileId: big.rootId });
    const job = await s.bin.delete(me, { driveId, fileId: big.rootId, policy: 'queue', binOnly: false });
    expect(job.state).toBe('queued');
    expect(job.total).toBe(big.entries + fill.entries - nestedCount);
    expect(job.total).toBeGreaterThanOrEqual(20_000);

    return {
      driveId,
      otherDriveId: other.id,
      bigId: big.rootId,
      nestedId,
      nestedCount,
      jobId: job.id,
      total: job.total,
      live: await snapshotLive(s, me, driveId),
      bin: await snapshotBin(s, me, driveId),
      otherLive: await snapshotLive(s, me, other.id),
      otherBin: await snapshotBin(s, me, other.id),
    };
  } finally {
    await node.close();
  }
}

/** Polls the job read-only until `ready` holds; fails if the child dies or it takes too long. */
async function watchJob(ready: (job: JobFacts) => boolean, timeoutMs = 60_000): Promise<JobFacts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = readJob(dataDir, seeded.jobId)!;
    if (ready(job)) return job;
    if (!server?.running) throw new Error(`the server exited while the job was ${JSON.stringify(job)}`);
    if (Date.now() > deadline) throw new Error(`job not as expected within ${timeoutMs} ms: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** After a kill: the store obeys every rule, and progress matches what is left of the target. */
function auditAfterKill(): JobFacts {
  const job = readJob(dataDir, seeded.jobId)!;
  const facts = storeFacts(dataDir);
  expect(facts.problems).toEqual([]);
  expect(job.state).toBe('running');
  expect(job.failed).toBe(0);
  // Progress is committed with the batch it counts: never ahead of, never behind, the tree.
  expect(job.processed + subtreeLeft(dataDir, seeded.driveId, seeded.bigId)).toBe(seeded.total);
  return job;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'salvage-crash-'));
  const started = Date.now();
  seeded = await seed();
  console.log(`seeded ${seeded.total} entries to purge in ${Date.now() - started} ms`);
}, 120_000);

afterAll(async () => {
  await server?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('purge survives kill -9', () => {
  it('resumes after two crashes and purges exactly the target', async () => {
    onTestFailed(() => console.log(`--- salvage serve output ---\n${server?.output() ?? '(not started)'}`));
    const { total } = seeded;
    const t0 = Date.now();
    const lap = (what: string) => console.log(`${what} at ${Date.now() - t0} ms`);
    server = child();
    await server.start();

    // First crash, about a quarter in.
    await watchJob((j) => j.processed >= total * 0.25);
    await server.kill();
    lap('first kill');
    const first = auditAfterKill();
    expect(first.processed).toBeLessThan(total);

    // Second crash, later: the job must have resumed from where the first run stopped.
    await server.start();
    await watchJob((j) => j.processed >= Math.max(total * 0.6, first.processed + BATCH));
    await server.kill();
    lap('second kill');
    const second = auditAfterKill();
    expect(second.processed).toBeGreaterThan(first.processed);
    expect(second.processed).toBeLessThan(total);

    // Third run finishes; a clean stop lets it remove the freed blobs it queued.
    await server.start();
    const done = await watchJob((j) => j.state !== 'running' && j.state !== 'queued');
    expect(done).toMatchObject({ state: 'succeeded', processed: total, failed: 0 });
    await server.stop();
    expect(server.running).toBe(false);
    lap(`done (kills at ${first.processed} and ${second.processed} of ${total})`);

    await verifyInProcess();
    lap('verified');
  }, 150_000);
});

const sortById = (m: Map<string, EntryFacts>) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id));
const fileBytes = (...maps: Map<string, EntryFacts>[]) =>
  maps.flatMap((m) => [...m.values()]).reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0);

/** The end state, through the core: everything not asked for is intact, and nothing leaked. */
async function verifyInProcess(): Promise<void> {
  const node = await startTestNode({ dataDir, jobConcurrency: 0 });
  try {
    const { salvage: s, adminActor: me } = node;
    const { driveId, otherDriveId, nestedId, bigId } = seeded;

    // Live data and other bin items: same entries, same bytes.
    expect(sortById(await snapshotLive(s, me, driveId))).toEqual(sortById(seeded.live));
    expect(sortById(await snapshotLive(s, me, otherDriveId))).toEqual(sortById(seeded.otherLive));
    expect(sortById(await snapshotBin(s, me, otherDriveId))).toEqual(sortById(seeded.otherBin));
    // The nested trash root lost only its parent (purged): it hangs from nothing, still a bin item.
    const expectedBin = new Map(seeded.bin);
    expectedBin.set(nestedId, { ...seeded.bin.get(nestedId)!, parentId: null });
    const binAfter = await snapshotBin(s, me, driveId);
    expect(sortById(binAfter)).toEqual(sortById(expectedBin));
    await expect(s.entries.state(me, driveId, bigId)).rejects.toMatchObject({ code: 'EntryNotFound' });

    // Space: exactly the bytes of what is left.
    const drive = await s.drives.get(me, driveId);
    expect(drive.usedSize).toBe(fileBytes(seeded.live, seeded.bin));
    expect(drive.binBytes).toBe(fileBytes(seeded.bin));
    expect((await s.bin.attribute(me, driveId)).size).toBe(drive.binBytes);
    const otherDrive = await s.drives.get(me, otherDriveId);
    expect(otherDrive.usedSize).toBe(fileBytes(seeded.otherLive, seeded.otherBin));

    // Blobs: on disk exactly those entries reference; no deletion left pending.
    const facts = storeFacts(dataDir);
    expect(facts.problems).toEqual([]);
    expect(facts.pendingBlobDeletions.size).toBe(0);
    expect(stagedBlobFiles(dataDir)).toEqual([]);
    expect([...blobFilesOnDisk(dataDir)].sort()).toEqual([...facts.referencedBlobs].sort());
    const rowsLeft = facts.entries;
    const expectedRows = 2 /* roots */ + seeded.live.size + seeded.bin.size + seeded.otherLive.size + seeded.otherBin.size;
    expect(rowsLeft).toBe(expectedRows);

    // The nested root restores under root (its old parent is gone), contents intact.
    const restored = await s.bin.restore(me, { driveId, fileId: nestedId, policy: 'queue' });
    expect(restored.job.state).toBe('succeeded');
    expect(restored.entry).toMatchObject({ id: nestedId, parentId: 'root', name: 'd3', trashedAt: null });
    const liveNow = await snapshotLive(s, me, driveId);
    const cameBack = [...liveNow.values()].filter((e) => !seeded.live.has(e.id));
    expect(cameBack).toHaveLength(seeded.nestedCount);
    const content = ({ name, type, size, contentHash, sha1 }: EntryFacts) => ({ name, type, size, contentHash, sha1 });
    for (const e of cameBack) expect(content(e)).toEqual(content(seeded.bin.get(e.id)!));
    expect(storeFacts(dataDir).problems).toEqual([]);
  } finally {
    await node.close();
  }
}
