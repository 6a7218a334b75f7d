import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { systemProgram } from '../support/system-deps.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { compareOutput, type ShellBlock, shellBlocks } from './support/doc-blocks.js';

/**
 * Every shell command in the README and docs/ is run here, against a real `salvage serve`,
 * and what it prints is compared with the output documented under it, so the docs cannot
 * drift from the code. A block that cannot run in a test says why (doc-blocks.ts).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].sort();

// The documented password is the one the reader pastes; the test server simply has it.
const PASSWORD = 'the password npm start printed';
/** Where the docs say the server is; each file's blocks are pointed at its test server. */
const ACCESS_KEY_ID = 'LTAItestadminkey';
const ACCESS_KEY_SECRET = 'test-admin-secret';
const DOCUMENTED_HOST = '127.0.0.1:8080';
const DELIMITER = '@@doc-test: end of block@@';

// The docs' commands use curl and jq, found on the PATH as the shell finds them.
const hasTools = ['curl', 'jq']
  .map((name) => systemProgram({ name, variable: 'SALVAGE_TEST_CURL', extent: 'partly' }))
  .every(Boolean);

/**
 * The reader's machine after `npm start` in a checkout: the server's data in ./data with
 * the admin's credentials kept there (the CLI reads the password from it), the examples
 * beside it, and `salvage` on the PATH as `npm link` gives it, running the source.
 */
async function readersMachine(work: string): Promise<string> {
  const data = join(work, 'data');
  await mkdir(data, { mode: 0o700 });
  const creds = { password: PASSWORD, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET };
  await writeFile(join(data, 'admin-credentials.json'), `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  await symlink(join(ROOT, 'examples'), join(work, 'examples'));
  await salvageOnPath(work);
  return data;
}

/** A `salvage` on the PATH, as `npm link` would give, running the source. */
async function salvageOnPath(dir: string): Promise<void> {
  const loader = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
  const script = `#!/bin/sh\nexec "${process.execPath}" --import "${loader}" "${join(ROOT, 'src/cli/main.ts')}" "$@"\n`;
  await writeFile(join(dir, 'salvage'), script);
  await chmod(join(dir, 'salvage'), 0o755);
}

/** One shell runs a file's blocks in order, as a reader pastes them; the output of each, apart. */
async function runBlocks(blocks: ShellBlock[], url: string, work: string): Promise<{ outputs: string[]; code: number | null; all: string }> {
  const host = new URL(url).host;
  const script = [
    'exec 2>&1',
    'set -e -o pipefail',
    ...blocks.flatMap((b) => [b.code.replaceAll(DOCUMENTED_HOST, host), `printf '\\n%s\\n' '${DELIMITER}'`]),
  ].join('\n');
  // The CLI's and the example's defaults are the documented 127.0.0.1:8080; the test server is elsewhere.
  const env: NodeJS.ProcessEnv = {
    PATH: `${work}:${process.env.PATH}`,
    HOME: work,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    TZ: 'UTC',
    SALVAGE_URL: url,
    SALVAGE_ENDPOINT: host,
  };
  const child = spawn('bash', ['-c', script], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let all = '';
  child.stdout.on('data', (c: Buffer) => (all += String(c)));
  child.stderr.on('data', (c: Buffer) => (all += String(c)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { outputs: all.split(`\n${DELIMITER}\n`), code, all };
}

describe.each(DOCS)('the shell commands of %s', (file) => {
  const nodes: SpawnedNode[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('are each marked to run, or say why they are not run', async () => {
    const { blocks, unmarked, stray } = shellBlocks(await readFile(join(ROOT, file), 'utf8'));
    expect(unmarked.map((u) => `${file}:${u.line}: a shell block with no <!-- doc-test: ... --> marker above it`)).toEqual([]);
    expect(stray.map((l) => `${file}:${l}: an output block that follows no run block`)).toEqual([]);
    for (const b of blocks.filter((x) => !x.run)) expect(b.reason.length, `${file}:${b.line}: say why it is not run`).toBeGreaterThan(10);
  });

  it.skipIf(!hasTools)('print what the docs say they print', { timeout: 240_000 }, async () => {
    const { blocks } = shellBlocks(await readFile(join(ROOT, file), 'utf8'));
    const run = blocks.filter((b) => b.run);
    if (run.length === 0) return;
    const work = await mkdtemp(join(tmpdir(), 'salvage-doc-'));
    dirs.push(work);
    const data = await readersMachine(work);
    const node = new SpawnedNode({
      dataDir: data,
      env: { SALVAGE_ADMIN_PASSWORD: PASSWORD, SALVAGE_ADMIN_ACCESS_KEY_ID: ACCESS_KEY_ID, SALVAGE_ADMIN_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET },
    });
    nodes.push(node);
    await node.start();
    const { outputs, code, all } = await runBlocks(run, node.url, work);
    for (const [i, block] of run.entries()) {
      const printed = outputs[i];
      expect(printed, `${file}:${block.line}: the shell stopped before this block (exit ${code}); it printed:\n${all}`).toBeDefined();
      if (block.output !== undefined) {
        const diff = compareOutput(block.output, printed!);
        expect(diff, `${file}:${block.line}: ${diff}\n--- printed ---\n${printed}`).toBe('');
      }
    }
    expect(code, `${file}: the shell failed (exit ${code}); it printed:\n${all}`).toBe(0);
  });
});
