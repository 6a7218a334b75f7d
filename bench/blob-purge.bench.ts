import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bulkFill } from '../test/crash/bulk-fill.js';
import { inPool } from '../test/crash/seed-tree.js';
import { startOn, type BenchDatabase } from './bench-database.js';
import { waitForJob } from './bench-node.js';
import type { Scale } from './scale.js';

export interface BlobPurgeResult {
  database: BenchDatabase;
  files: number;
  rounds: number;
  /** Files per second of each round, in round order. */
  job: number[];
  rmRf: number[];
}

/** Files a folder holds in the tree the job purges; the tree has `files / FILES_PER_FOLDER` folders. */
const FILES_PER_FOLDER = 1_000;

/**
 * Issue 10 item 3: a purge of real files next to `rm -rf` of as many files of the same
 * sizes. The job is timed from the call that queues it to the moment it reads succeeded,
 * and it has unlinked every blob by then (each batch's blobs go after its commit, before
 * the next batch). `rm -rf` gets the same files in the same layout (256 folders by the
 * id's first two characters, as `blobs/objects` keeps them), written fresh each round.
 * The two take turns going first.
 */
export async function benchBlobPurge(scale: Scale, database: BenchDatabase): Promise<BlobPurgeResult> {
  const setup = await startOn(database);
  try {
    const { node } = setup;
    const { salvage, actor } = node;
    const drive = await salvage.drives.create(actor, { name: 'bench-blobs', origin: 'pds' });
    const folders = Math.max(1, Math.round(scale.blobPurgeFiles / FILES_PER_FOLDER));
    const job: number[] = [];
    const rmRf: number[] = [];
    for (let round = 0; round < scale.blobPurgeRounds; round++) {
      const top = (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name: `round-${round}` })).entry.id;
      await bulkFill(salvage, actor, drive.id, [top], { folders, filesPerFolder: FILES_PER_FOLDER, emptyPerFolder: 0 });
      const files = folders * FILES_PER_FOLDER;
      const plain = join(node.dataDir, `rm-rf-${round}`);
      await writeLikeBlobs(plain, files);
      const runs = [
        async () => {
          const t0 = performance.now();
          const queued = await salvage.bin.delete(actor, { driveId: drive.id, fileId: top, policy: 'queue', binOnly: false });
          await waitForJob(node, queued.id);
          job.push(files / ((performance.now() - t0) / 1000));
        },
        async () => {
          const t0 = performance.now();
          const rm = spawn('rm', ['-rf', plain], { stdio: 'inherit' });
          const [code] = await once(rm, 'exit');
          if (code !== 0) throw new Error(`rm -rf exited with ${code}`);
          rmRf.push(files / ((performance.now() - t0) / 1000));
        },
      ];
      for (const run of round % 2 === 0 ? runs : runs.reverse()) await run();
      const left = await readdir(join(node.dataDir, 'blobs', 'objects'), { recursive: true, withFileTypes: true });
      if (left.some((d) => d.isFile())) throw new Error('the purge left blob files behind');
    }
    return { database, files: folders * FILES_PER_FOLDER, rounds: scale.blobPurgeRounds, job, rmRf };
  } finally {
    await setup.cleanup();
  }
}

/** `files` small files (30-40 bytes, as bulkFill's) under `dir/<2 hex>/`. */
async function writeLikeBlobs(dir: string, files: number): Promise<void> {
  const names = Array.from({ length: files }, (_, i) => {
    const id = (i * 2654435761).toString(16).padStart(8, '0') + i.toString(16);
    return join(dir, id.slice(-2), id);
  });
  for (let d = 0; d < 256; d++) await mkdir(join(dir, d.toString(16).padStart(2, '0')), { recursive: true });
  await inPool(names, 8, (path) => writeFile(path, `${path} ${'x'.repeat(path.length % 7)}\n`));
}
