import { chmod, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';

/** Only the server's own user may enter the data directory or read anything in it. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The SQLite file a config names, or undefined for PostgreSQL (nothing of it is on this disk). */
export function sqliteFileOf(config: Config): string | undefined {
  if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) return undefined;
  return config.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
}

/** chmod that ignores a file that is not there (yet, or any more). */
async function chmodIfThere(path: string, mode: number): Promise<void> {
  await chmod(path, mode).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/**
 * Before the store opens: the data directory exists and is 0700, and the SQLite file is
 * 0600, whatever the umask and whatever an earlier version left (it made them 0755 and
 * 0644: any local user could read every access-key secret and the URL-signing secret).
 * A new SQLite file is created empty with 0600 first, because SQLite makes its file 0644
 * less the umask, and gives its -wal and -shm files the database file's mode.
 */
export async function secureDataDir(config: Config): Promise<void> {
  await mkdir(config.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(config.dataDir, PRIVATE_DIR_MODE);
  const file = sqliteFileOf(config);
  if (file) {
    // 'a' creates a missing file and leaves an existing one as it is; SQLite takes an empty
    // file for a new database.
    await (await open(file, 'a', PRIVATE_FILE_MODE)).close();
    await chmod(file, PRIVATE_FILE_MODE);
  }
  await settleDataFileModes(config);
}

/**
 * The files next to the database (an earlier version's -wal and -shm), the admin's
 * credentials and the secret key made 0600; run again once the store is open, for files
 * it just made.
 */
export async function settleDataFileModes(config: Config): Promise<void> {
  const file = sqliteFileOf(config);
  const files = [join(config.dataDir, 'admin-credentials.json'), join(config.dataDir, 'secret.key'), ...(file ? [file, `${file}-wal`, `${file}-shm`, `${file}-journal`] : [])];
  await Promise.all(files.map((f) => chmodIfThere(f, PRIVATE_FILE_MODE)));
}
