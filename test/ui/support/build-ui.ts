import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let built: Promise<string> | undefined;

/**
 * Builds the web UI as `npm run build` does, so the browser tests always see the current
 * source, but into a temporary folder: tests write nothing into the checkout, dist/
 * included. The servers the tests start find it through SALVAGE_WEB_UI_DIR
 * (src/web/serve-ui.ts).
 *
 * One build per run: each suite runs in a process of its own, so the build goes into the
 * run's folder (SALVAGE_TEST_UI_BUILD_DIR, made and removed by global-setup.ts), and the
 * suites after the first find it there (a build took 1.5 to 3 s a suite, nine suites).
 * Two suites starting at once may both build; the first to move its build into place
 * wins, the other uses it. Without that folder (vitest run without the global setup),
 * one build per process, removed when it exits.
 */
export function buildUi(): Promise<string> {
  built ??= (async () => {
    const run = process.env.SALVAGE_TEST_UI_BUILD_DIR;
    const shared = run === undefined ? undefined : join(run, 'ui');
    if (shared !== undefined && existsSync(join(shared, 'index.html'))) return use(shared);
    const out = await mkdtemp(join(run ?? tmpdir(), 'salvage-ui-build-'));
    if (shared === undefined) process.once('exit', () => rmSync(out, { recursive: true, force: true }));
    await promisify(execFile)(
      `${ROOT}node_modules/.bin/vite`,
      ['build', '--config', 'src/web/app/vite.config.ts', '--outDir', out, '--emptyOutDir'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (shared === undefined) return use(out);
    try {
      await rename(out, shared);
    } catch {
      // Another suite's build got there first (a rename onto a full folder fails): the same sources, built.
      await rm(out, { recursive: true, force: true });
    }
    return use(shared);
  })();
  return built;
}

function use(dir: string): string {
  process.env.SALVAGE_WEB_UI_DIR = dir;
  return dir;
}
