import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RCLONE } from './clients.js';

const run = promisify(execFile);

/** rclone with a `webdav` remote named `salvage:` on a drive, configured by environment only. */
export async function rcloneFor(input: { url: string; user: string; password: string; configDir: string }) {
  const { stdout: obscured } = await run(RCLONE, ['obscure', input.password]);
  const env = {
    ...process.env,
    RCLONE_CONFIG: join(input.configDir, 'rclone.conf'),
    RCLONE_CONFIG_SALVAGE_TYPE: 'webdav',
    RCLONE_CONFIG_SALVAGE_URL: input.url,
    RCLONE_CONFIG_SALVAGE_VENDOR: 'other',
    RCLONE_CONFIG_SALVAGE_USER: input.user,
    RCLONE_CONFIG_SALVAGE_PASS: obscured.trim(),
  };
  return async (...args: string[]): Promise<string> => {
    try {
      const { stdout } = await run(RCLONE, [...args, '--transfers', '16', '--checkers', '16', '--retries', '1', '--low-level-retries', '1'], {
        env,
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`rclone ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}`);
    }
  };
}

/** A local tree of `folders` x `files` small files: `d<i>/f<j>.txt`, each saying its own path. */
export async function writeTree(root: string, folders: number, files: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < folders; i++) {
    await mkdir(join(root, `d${i}`), { recursive: true });
    for (let j = 0; j < files; j++) {
      const path = `d${i}/f${j}.txt`;
      await writeFile(join(root, path), `content of ${path}\n`);
      paths.push(path);
    }
  }
  return paths;
}
