import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdminCredentials } from '../core/users/users.service.js';
import type { Config } from '../config.js';

const FILE = 'admin-credentials.json';

/**
 * The admin's credentials: from the environment when set; else the ones kept in the data
 * directory; else new ones, written there with mode 0600 and reported once (`fresh`).
 */
export async function adminCredentials(
  config: Config,
  mayRetry = true,
): Promise<{ creds: AdminCredentials; fresh: boolean; file: string }> {
  const file = join(config.dataDir, FILE);
  let kept: Partial<AdminCredentials> = {};
  try {
    kept = JSON.parse(await readFile(file, 'utf8')) as Partial<AdminCredentials>;
  } catch {
    // No file yet: first start.
  }
  const fromEnvOrFile = {
    password: config.adminPassword ?? kept.password,
    accessKeyId: config.adminAccessKeyId ?? kept.accessKeyId,
    accessKeySecret: config.adminAccessKeySecret ?? kept.accessKeySecret,
  };
  const fresh = !fromEnvOrFile.password || !fromEnvOrFile.accessKeyId || !fromEnvOrFile.accessKeySecret;
  const creds: AdminCredentials = {
    password: fromEnvOrFile.password ?? randomBytes(12).toString('base64url'),
    accessKeyId: fromEnvOrFile.accessKeyId ?? `LTAI${randomBytes(10).toString('hex')}`,
    accessKeySecret: fromEnvOrFile.accessKeySecret ?? randomBytes(20).toString('base64url'),
  };
  if (fresh) {
    try {
      // 'wx': of several nodes starting together on one data directory, the first writes
      // the credentials and the others use them.
      await writeFile(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !mayRetry) throw err;
      return adminCredentials(config, false);
    }
    await chmod(file, 0o600);
  }
  return { creds, fresh, file };
}
