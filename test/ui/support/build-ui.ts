import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the web UI as `npm run build` does, so the browser tests always see the current source. */
export async function buildUi(): Promise<void> {
  await promisify(execFile)(`${ROOT}node_modules/.bin/vite`, ['build', '--config', 'src/web/app/vite.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
