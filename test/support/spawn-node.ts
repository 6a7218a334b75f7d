import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root, where `src/cli/main.ts` and tsx live. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Same admin as `startTestNode`, so a data dir seeded in-process is served unchanged. */
const TEST_ADMIN_ENV = {
  SALVAGE_ADMIN_PASSWORD: 'admin-password',
  SALVAGE_ADMIN_ACCESS_KEY_ID: 'LTAItestadminkey',
  SALVAGE_ADMIN_ACCESS_KEY_SECRET: 'test-admin-secret',
};

/** Output kept per child for failure messages: the tail is what explains a failure. */
const OUTPUT_LIMIT = 64 * 1024;

export interface SpawnNodeOptions {
  dataDir: string;
  /** SALVAGE_DATABASE_URL: a `postgres://` URL, or a SQLite file (default `<dataDir>/salvage.db`). */
  databaseUrl?: string;
  /** Extra environment (SALVAGE_PURGE_BATCH_SIZE, SALVAGE_RETENTION_CHECK_MS, ...). */
  env?: Record<string, string>;
  /** Runs node through this command, e.g. `['faketime', '-f', '+40d']`. */
  wrapper?: string[];
  /** More arguments of `salvage serve` (`--in-memory`, `--seed FILE`, `--test-hooks`). */
  args?: string[];
  /** The CLI to run instead of `tsx src/cli/main.ts`, e.g. the built bundle `dist/salvage.mjs`. */
  entry?: string;
  /** How long to wait for GET /healthz = 200 (tsx compiles on start; 2 busy cores are slow). */
  startTimeoutMs?: number;
}

/**
 * `salvage serve` as a child process: started on a free port, killed with SIGKILL (a
 * crash: no shutdown hook runs) or stopped with SIGTERM, and started again on the same
 * data directory. Everything it printed is kept for failure messages.
 */
export class SpawnedNode {
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();
  private log = '';
  url = '';
  port = 0;

  constructor(private readonly options: SpawnNodeOptions) {}

  /** Starts the child and waits until it answers GET /healthz with 200. */
  async start(): Promise<void> {
    if (this.child) throw new Error('the node is already running');
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const [command, ...prefix] = [...(this.options.wrapper ?? []), process.execPath];
    const cli = this.options.entry ? [this.options.entry] : ['--import', 'tsx', 'src/cli/main.ts'];
    const args = [...prefix, ...cli, 'serve', ...(this.options.args ?? [])];
    const child = spawn(command!, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...TEST_ADMIN_ENV,
        LOG_LEVEL: 'info',
        // No 32 MiB disk reserve per test data directory; test/hardening/full-disk turns it on.
        SALVAGE_DISK_RESERVE_BYTES: '0',
        ...this.options.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        SALVAGE_DATA_DIR: this.options.dataDir,
        ...(this.options.databaseUrl && { SALVAGE_DATABASE_URL: this.options.databaseUrl }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a wrapper such as faketime forks node, and signals must
      // reach node too, not only the wrapper.
      detached: true,
    });
    this.child = child;
    live.add(child);
    this.note(`--- start pid ${child.pid}: ${[command, ...args].join(' ')}\n`);
    child.stdout!.on('data', (chunk: Buffer) => this.note(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.note(chunk.toString()));
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.note(`--- pid ${child.pid} exited (code ${code}, signal ${signal})\n`);
        void groupGone(child.pid!).then(() => {
          live.delete(child);
          if (this.child === child) this.child = undefined;
          resolve();
        });
      });
    });
    try {
      await this.waitHealthy(this.options.startTimeoutMs ?? 30_000);
    } catch (err) {
      await this.kill();
      throw err;
    }
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** kill -9: the process dies between any two instructions, as in a power cut of the process. */
  async kill(): Promise<void> {
    if (!this.child) return;
    signalGroup(this.child, 'SIGKILL');
    await this.exit;
  }

  /** A clean stop (SIGTERM: the server closes its engine and store); SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** What the child printed, for failure messages (the last 64 KiB). */
  output(): string {
    return this.log;
  }

  private note(text: string): void {
    this.log = (this.log + text).slice(-OUTPUT_LIMIT);
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`salvage serve exited before it was ready:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`salvage serve was not healthy within ${timeoutMs} ms:\n${this.log}`);
  }
}

/** Starts `salvage serve` as a child on `dataDir`; see {@link SpawnedNode}. */
export async function spawnNode(options: SpawnNodeOptions): Promise<SpawnedNode> {
  const node = new SpawnedNode(options);
  await node.start();
  return node;
}

/** A port nothing listens on right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((r) => server.close(r));
  return port;
}

/** Signals the child's whole process group (the child and anything it forked). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

/** Resolves once no process of the group is left (a wrapper may exit before node does). */
async function groupGone(pgid: number, timeoutMs = 15_000): Promise<void> {
  // Bounded: a zombie nobody reaps still answers signal 0.
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Children still running: killed if the test process exits without stopping them. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) signalGroup(child, 'SIGKILL');
});
