import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, rmdir, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJobsError } from '../../src/api/jobs/errors.js';
import { toNasError } from '../../src/api/nas/errors.js';
import { toPdsError } from '../../src/api/pds/errors.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { recordSkip } from '../support/skips.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { type Json, type PdsClient, signIn, waitForTask } from '../pds/support/pds-client.js';
import { popClient } from '../nas/support/clients.js';

const MB = 1024 * 1024;
const DISK = 24 * MB;
const RESERVE = 2 * MB;

/**
 * A small tmpfs for the data directory, so the disk can really be filled. Mounting needs
 * root; without it the suite is skipped and named at the end of the run (SALVAGE_TEST_TMPFS=required
 * makes that a failure).
 */
async function mountTmpfs(): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'salvage-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK}`, 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (err) {
    await rmdir(dir).catch(() => undefined);
    const why = `cannot mount a tmpfs (${String((err as Error).message).split('\n')[0]}); it needs root`;
    recordSkip({
      name: 'tmpfs (root)',
      missing: why,
      install: 'sudo npx vitest run test/hardening/full-disk.test.ts (mounting a tmpfs needs root; nothing to install)',
      variable: 'SALVAGE_TEST_TMPFS',
    });
    return undefined;
  }
}

const freeBytes = async (dir: string) => {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
};

/** Writes zeros into `path` until the disk refuses: the disk is then full to the brim. */
async function fillToTheBrim(path: string): Promise<void> {
  const file = await open(path, 'a');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      try {
        await file.write(chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        if (chunk.length === 1) return;
        // Then smaller writes, for the last bytes.
        return fillRest(file);
      }
    }
  } finally {
    await file.close();
  }
}

async function fillRest(file: Awaited<ReturnType<typeof open>>): Promise<void> {
  for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
    for (;;) {
      try {
        await file.write(Buffer.alloc(size));
      } catch {
        break;
      }
    }
  }
}

const mount = await mountTmpfs();

/**
 * Issue 13 item 4: a full disk. Uploads get a clear 507 in each dialect's shape (never
 * "the upload body was cut off"), reads keep working (NAS reads included, which record a
 * nonce), permanent delete and emptying the bin still free space, and the server stays up.
 */
describe.skipIf(!mount).each(await testDatabases())('a full disk on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  let dataDir: string;
  const files: Json[] = [];

  beforeAll(async () => {
    dataDir = join(mount!, database);
    await mkdir(dataDir);
    node = await startTestNode({ database, dataDir, diskReserveBytes: RESERVE, jobConcurrency: 1 });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'full' }, 201)).drive_id as string;
  });
  afterAll(async () => {
    await node?.destroy();
    await rm(join(mount!, `${database}-filler`), { force: true });
  });

  const putFile = async (name: string, bytes: Buffer) => {
    const created = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name, type: 'file' }, 201);
    const res = await fetch(created.part_info_list[0].upload_url as string, { method: 'PUT', body: bytes });
    return { created, res };
  };
  const healthy = async () => expect((await fetch(`${node.url}/healthz`)).status).toBe(200);

  it('answers uploads that fill the disk with 507 InsufficientStorage, not a client error', async () => {
    const keep = await putFile('keep.txt', Buffer.from('still here'));
    expect(keep.res.status).toBe(200);
    files.push(await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: keep.created.file_id, upload_id: keep.created.upload_id }));
    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const { created, res } = await putFile(`big-${i}.bin`, randomBytes(MB));
      if (res.status !== 200) {
        refused = res;
        break;
      }
      files.push(await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id }));
    }
    expect(refused, 'the disk never filled').toBeDefined();
    expect(refused!.status).toBe(507);
    expect(await refused!.json()).toEqual({ code: 'InsufficientStorage', message: expect.any(String) });
    expect(files.length).toBeGreaterThan(10);
    await healthy();
  });

  it('refuses an upload to a disk full to the brim with 507 too', async () => {
    // Whatever room is left goes: the disk is full to the brim for the tests that follow.
    await fillToTheBrim(join(mount!, `${database}-filler`));
    expect(await freeBytes(mount!)).toBeLessThan(64 * 1024);
    const again = await putFile('one-more.bin', randomBytes(64 * 1024)).catch(() => undefined);
    if (again) {
      expect(again.res.status).toBe(507);
      expect(((await again.res.json()) as Json).code).toBe('InsufficientStorage');
    }
    await healthy();
  });

  it('keeps reads working in every dialect', async () => {
    const listed = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root', limit: 100 });
    expect((listed.items as Json[]).map((i) => i.name)).toContain('keep.txt');
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: files[0]!.file_id })).name).toBe('keep.txt');
    const url = (await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: files[0]!.file_id })).url as string;
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('still here');
    // NAS reads record their signature's nonce: on a full disk they still answer.
    const pop = popClient(node);
    const described = (await pop.request('DescribeFileSystems', {})) as Json;
    expect(JSON.stringify(described)).toContain(driveId);
    const recycled = (await pop.request('ListRecycledDirectoriesAndFiles', { FileSystemId: driveId, FileId: 'root' })) as Json;
    expect(recycled.Entries).toEqual([]);
    // Jobs reads, with the PDS token.
    const jobs = await fetch(`${node.url}/v1/jobs`, { headers: { authorization: `Bearer ${pds.accessToken}` } });
    expect(jobs.status).toBe(200);
    await healthy();
  });

  it('still frees space by permanent delete and by emptying the bin, and then takes uploads again', async () => {
    const before = await freeBytes(mount!);
    const bigs = files.slice(1);
    // Into the bin, then the bin emptied.
    for (const f of bigs.slice(0, 4)) await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    const cleared = await pds.ok('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    expect((await waitForTask(pds, cleared.async_task_id as string)).state).toBe('Succeed');
    // And deleted for good, straight away.
    for (const f of bigs.slice(4, 8)) {
      const deleted = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: f.file_id }, 202);
      expect((await waitForTask(pds, deleted.async_task_id as string)).state).toBe('Succeed');
    }
    // Eight files of 1 MiB are gone from the disk (less what the reserve took back).
    expect((await freeBytes(mount!)) - before).toBeGreaterThan(5 * MB);
    const listed = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root', limit: 100 });
    // (Besides the refused uploads' files, still `uploading`, holding no bytes.)
    expect((listed.items as Json[]).filter((i) => i.status === 'available')).toHaveLength(files.length - 8);
    // Room again: uploads work.
    const after = await putFile('after.bin', randomBytes(256 * 1024));
    expect(after.res.status).toBe(200);
    await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: after.created.file_id, upload_id: after.created.upload_id });
    await healthy();
  });
});

/**
 * The log on the full disk too (stdout redirected to a file there): writing it must never
 * block or stop the server. Before, the first line that could not be written hung or
 * killed the process.
 */
describe.skipIf(!mount)('a log on a full disk', () => {
  it('neither blocks nor stops the server, which still stops cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'salvage-log-'));
    const filler = join(mount!, 'log-filler');
    const logFile = join(mount!, 'salvage.log');
    await fillToTheBrim(filler);
    const node = new SpawnedNode({
      dataDir,
      env: { LOG_LEVEL: 'trace' },
      wrapper: ['sh', '-c', `exec "$@" >> '${logFile}'`, 'sh'],
    });
    try {
      await node.start();
      for (let i = 0; i < 20; i++) {
        const started = Date.now();
        const res = await fetch(`${node.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        expect(res.status).toBe(200);
        // Requests that log: failed sign-ins.
        const bad = await fetch(`${node.url}/v2/account/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'password', username: `nobody-${i}`, password: 'x' }),
          signal: AbortSignal.timeout(5_000),
        });
        expect(bad.status).toBeLessThan(500);
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      expect(node.running).toBe(true);
      await node.stop(10_000);
      expect(node.output()).toMatch(/exited \(code 0, signal null\)/);
    } finally {
      await node.kill();
      await rm(filler, { force: true });
      await rm(logFile, { force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

afterAll(async () => {
  if (!mount) return;
  execFileSync('umount', [mount]);
  await rmdir(mount);
});

describe('a full disk in each dialect\'s shape', () => {
  it('maps ENOSPC, SQLITE_FULL and PostgreSQL disk_full to 507 in PDS, NAS and Jobs', () => {
    for (const code of ['ENOSPC', 'SQLITE_FULL', '53100']) {
      const err = Object.assign(new Error('full'), { code });
      expect(toPdsError(err)).toMatchObject({ status: 507, code: 'InsufficientStorage' });
      expect(toNasError(err)).toMatchObject({ unexpected: false, error: { status: 507, code: 'InsufficientStorage' } });
      expect(toJobsError(err)).toMatchObject({ status: 507, code: 'InsufficientStorage' });
    }
  });
});
