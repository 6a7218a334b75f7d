import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = join(ROOT, 'dist/web/app');

/**
 * Builds the web UI as `npm run build` does, so the browser tests always see the current
 * source. Two UI suites run in parallel workers: each builds into a folder of its own and
 * then renames the files into dist/web/app one by one (index.html last), so a node of the
 * other suite never finds the folder emptied or half written. Asset names carry a hash of
 * their content, so the files an older index.html names stay in place.
 */
export async function buildUi(): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), 'salvage-ui-build-'));
  try {
    await promisify(execFile)(
      `${ROOT}node_modules/.bin/vite`,
      ['build', '--config', 'src/web/app/vite.config.ts', '--outDir', staging, '--emptyOutDir'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
    );
    const files = (await readdir(staging, { recursive: true, withFileTypes: true }))
      .filter((f) => f.isFile())
      .map((f) => relative(staging, join(f.parentPath, f.name)))
      .sort((a, b) => Number(a === 'index.html') - Number(b === 'index.html'));
    for (const file of files) {
      const target = join(OUT, file);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      await copyFile(join(staging, file), temporary);
      await rename(temporary, target);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
