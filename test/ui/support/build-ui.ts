import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let built: Promise<string> | undefined;

/**
 * Builds the web UI as `npm run build` does, so the browser tests always see the current
 * source, but into a temporary folder of this worker's (removed when it exits): tests
 * write nothing into the checkout, dist/ included. The servers the tests start find it
 * through SALVAGE_WEB_UI_DIR (src/web/serve-ui.ts). One build per worker process.
 */
export function buildUi(): Promise<string> {
  built ??= (async () => {
    const out = await mkdtemp(join(tmpdir(), 'salvage-ui-build-'));
    process.once('exit', () => rmSync(out, { recursive: true, force: true }));
    await promisify(execFile)(
      `${ROOT}node_modules/.bin/vite`,
      ['build', '--config', 'src/web/app/vite.config.ts', '--outDir', out, '--emptyOutDir'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
    );
    process.env.SALVAGE_WEB_UI_DIR = out;
    return out;
  })();
  return built;
}
