import { expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The caller's SALVAGE_* settings must not leak into a test (a developer's own server). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SALVAGE_')) env[key] = value;
  return { ...env, ...extra };
}

/** `salvage <args>` as a child process, the way a user runs it (stdout is a pipe: no bars). */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  // cwd is the repository so `--import tsx` resolves; tests pass absolute local paths.
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO, env: cleanEnv(env), stdio: 'pipe' });
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += String(c)));
  child.stderr?.on('data', (c: Buffer) => (stderr += String(c)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const runCli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => finished(spawnCli(args, env));

/** A CLI bound to one server and signed in as admin (the test node's password). */
export const cliFor =
  (url: string) =>
  (...args: string[]): Promise<CliResult> =>
    runCli([...args, '--url', url, '--password', 'admin-password']);

/** A command that worked: exit 0, nothing on stderr; its stdout. */
export const ok = (r: CliResult): string => {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};

/** A command that was refused: exit 1, nothing on stdout; its stderr. */
export const refused = (r: CliResult): string => {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  return r.stderr;
};

/** A command used wrongly (bad option, missing argument, no --yes without a terminal): exit 2, one line. */
export const misused = (r: CliResult): string => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr;
};
