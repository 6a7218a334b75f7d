import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Linux's RAM-backed file system, when there is one to write to. */
const SHM = '/dev/shm';

function ramDisk(): string | undefined {
  try {
    return statSync(SHM).isDirectory() ? SHM : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The place of an in-memory node (`serve --in-memory`): a fresh folder for the database
 * and the blobs, on /dev/shm when the machine has it (memory), else in the temporary
 * directory, removed when the process exits however it exits short of SIGKILL.
 *
 * Why a file and not SQLite's `:memory:`: the SQLite store reads on the main thread and
 * writes on a worker thread (store/sqlite/split-driver.ts), two connections that a
 * `:memory:` database, private to its connection, cannot share.
 */
export function inMemoryPlace(): { dataDir: string; databaseUrl: string } {
  let dataDir: string;
  try {
    dataDir = mkdtempSync(join(ramDisk() ?? tmpdir(), 'salvage-memory-'));
  } catch {
    dataDir = mkdtempSync(join(tmpdir(), 'salvage-memory-'));
  }
  // 'exit' runs on process.exit (the serve shutdown path, a failed start) and at a normal end.
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return { dataDir, databaseUrl: join(dataDir, 'salvage.db') };
}
