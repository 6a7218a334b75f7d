import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { secretKeyFrom } from '../core/auth/secret-box.js';

const FILE = 'secret.key';

/**
 * The key that encrypts access-key secrets at rest: SALVAGE_SECRET_KEY when set; else the
 * data directory's `secret.key`, made on first start with mode 0600. Nodes sharing a
 * database must share it (they share the data directory, or set the same variable).
 */
export async function loadSecretKey(config: Config, mayRetry = true): Promise<Buffer> {
  if (config.secretKey) return secretKeyFrom(config.secretKey);
  const file = join(config.dataDir, FILE);
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept !== '') return secretKeyFrom(kept);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    // 'wx': of several nodes starting together on one data directory, the first writes it.
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !mayRetry) throw err;
  }
  return loadSecretKey(config, false);
}
