import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `bench/<script>` in a fresh Node process through tsx and returns the last line it
 * printed, parsed as JSON. Its stderr goes to ours.
 */
export async function runBenchChild<T>(script: string, args: string[]): Promise<T> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('exit', resolve));
  if (code !== 0) throw new Error(`bench/${script} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

export interface ServingChild<T> {
  /** What the child printed once it was ready, parsed as JSON. */
  ready: T;
  /** Closes the child's stdin, which tells it to stop, and waits for it (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * Starts `bench/<script>` like runBenchChild, for a child that keeps running: resolves
 * with the first line it prints, parsed as JSON; `stop` ends it.
 */
export async function startBenchChild<T>(script: string, args: string[]): Promise<ServingChild<T>> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const ready = await new Promise<T>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(out.slice(0, newline)) as T);
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`bench/${script} exited with ${code} before it was ready`)));
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return { ready, stop };
}
