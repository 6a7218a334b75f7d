import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSkipBlock, type SkipRecord } from '../support/skips.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `vitest run <file>` nested, with the given SALVAGE_TEST_* and paths; its exit code and output. */
async function nestedRun(file: string, extra: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SALVAGE_TEST_') && !k.startsWith('VITEST')) env[k] = v;
  Object.assign(env, { NO_COLOR: '1' }, extra);
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', file], { cwd: ROOT, env, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += String(c)));
  child.stderr.on('data', (c: Buffer) => (out += String(c)));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out };
}

const chromium = { name: 'chromium', missing: '/usr/bin/chromium is missing', install: 'sudo apt-get install -y chromium', variable: 'SALVAGE_TEST_CHROMIUM' };
const postgres = { name: 'PostgreSQL', missing: 'not reachable at postgres://x', install: 'docker run ...', variable: 'SALVAGE_TEST_POSTGRES' };

describe('the end-of-run block of skipped suites', () => {
  it('is empty when nothing was skipped', () => {
    expect(formatSkipBlock([])).toBe('');
  });

  it('names each dependency once, its suites, and the command that provides it', () => {
    const records: SkipRecord[] = [
      { ...chromium, suite: 'test/ui/b.test.ts', extent: 'whole' },
      { ...chromium, suite: 'test/ui/a.test.ts', extent: 'whole' },
      { ...postgres, suite: 'test/pds/x.test.ts', extent: 'partly' },
      // A suite recorded as partly and whole (a PostgreSQL-only file) is listed once, as skipped.
      { ...postgres, suite: 'test/multinode/y.test.ts', extent: 'partly' },
      { ...postgres, suite: 'test/multinode/y.test.ts', extent: 'whole' },
      { ...postgres, suite: 'test/pds/x.test.ts', extent: 'partly' },
      // Skipped whole for want of chromium: not "ran without PostgreSQL" too.
      { ...postgres, suite: 'test/ui/a.test.ts', extent: 'partly' },
    ];
    expect(formatSkipBlock(records)).toBe(
      [
        '',
        'SKIPPED: this machine lacks what these suites need; nothing else was left out.',
        '',
        '  chromium: /usr/bin/chromium is missing',
        '    skipped (2): test/ui/a.test.ts, test/ui/b.test.ts',
        '    to get it: sudo apt-get install -y chromium',
        '    (SALVAGE_TEST_CHROMIUM=required makes this a failure, as in .ci/run)',
        '',
        '  PostgreSQL: not reachable at postgres://x',
        '    skipped (1): test/multinode/y.test.ts',
        '    ran in part, without what needs PostgreSQL (1): test/pds/x.test.ts',
        '    to get it: docker run ...',
        '    (SALVAGE_TEST_POSTGRES=required makes this a failure, as in .ci/run)',
        '',
        'Install the above and run `npm test` again to run everything; .ci/run does it all on Debian.',
        '',
      ].join('\n'),
    );
  });

  it('ends a real run where Chromium and PostgreSQL are hidden', async () => {
    // A nested vitest on one small browser suite, with the browser and the database out of reach.
    const { code, out } = await nestedRun('test/ui/users-ui.test.ts', {
      CHROMIUM_PATH: '/nonexistent/chromium',
      SALVAGE_TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/test',
    });
    expect(code, out).toBe(0);
    const block = out.slice(out.indexOf('SKIPPED:'));
    expect(out.indexOf('SKIPPED:'), out).toBeGreaterThan(out.indexOf('Test Files'));
    expect(block).toContain('chromium: /nonexistent/chromium is missing\n    skipped (1): test/ui/users-ui.test.ts\n    to get it: sudo apt-get install -y chromium');
    expect(block).toContain('PostgreSQL: not reachable at postgres://postgres@127.0.0.1:1/test');
    expect(block).toContain('to get it: docker run -d --name salvage-test-postgres');
  });

  it('names a program missing from the PATH (curl and jq for the docs)', async () => {
    const { code, out } = await nestedRun('test/docs/doc-commands.test.ts', { PATH: '/nonexistent', SALVAGE_TEST_POSTGRES: 'off' });
    expect(code, out).toBe(0);
    const block = out.slice(out.indexOf('SKIPPED:'));
    expect(block).toContain('curl: curl is not on the PATH\n    ran in part, without what needs curl (1): test/docs/doc-commands.test.ts\n    to get it: sudo apt-get install -y curl');
    expect(block).toContain('jq: jq is not on the PATH');
    expect(block).toContain('(SALVAGE_TEST_CURL=required makes this a failure, as in .ci/run)');
  });

  it('is a failure, not a skip, when the dependency is required', async () => {
    const { code, out } = await nestedRun('test/ui/users-ui.test.ts', {
      CHROMIUM_PATH: '/nonexistent/chromium',
      SALVAGE_TEST_CHROMIUM: 'required',
      SALVAGE_TEST_POSTGRES: 'off',
    });
    expect(code, out).toBe(1);
    expect(out).toContain('SALVAGE_TEST_CHROMIUM=required but /nonexistent/chromium is missing');
  });
});
