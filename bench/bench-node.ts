import { pino } from 'pino';
import { startNode, type RunningNode } from '../src/cli/node.js';
import { type Config, loadConfig } from '../src/config.js';
import { type Actor, FINISHED_STATES, type Job } from '../src/core/types.js';

/** The admin's password on every benchmark node (PDS token requests use it). */
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchNode extends RunningNode {
  dataDir: string;
  /** The SQLite file, or the \`postgres://\` URL, the node runs on. */
  databaseFile: string;
  actor: Actor;
}

/**
 * A real node (store, core, job engine, HTTP server on a free port) over `dataDir`, as
 * `salvage serve` runs it, with default tuning: the purge batch size is the production one.
 */
export async function startBenchNode(dataDir: string, overrides: Partial<Config> = {}): Promise<BenchNode> {
  const config: Config = {
    ...loadConfig({ dataDir }, {}),
    port: 0,
    host: '127.0.0.1',
    adminPassword: BENCH_ADMIN_PASSWORD,
    adminAccessKeyId: 'LTAIbenchadminkey',
    adminAccessKeySecret: 'bench-admin-secret',
    ...overrides,
  };
  const node = await startNode(config, pino({ level: 'silent' }));
  const admin = (await node.salvage.users.all()).find((u) => u.name === 'admin')!;
  return { ...node, dataDir, databaseFile: config.databaseUrl, actor: { userId: admin.id, isAdmin: true } };
}

/**
 * Waits for a job to end and fails unless it succeeded. Polls every `everyMs`: each poll is
 * two indexed reads, small next to a purge batch, and bounds the timing error.
 */
export async function waitForJob(node: BenchNode, jobId: number, everyMs = 10): Promise<Job> {
  for (;;) {
    const job = await node.salvage.jobs.get(node.actor, String(jobId));
    if (FINISHED_STATES.includes(job.state)) {
      if (job.state !== 'succeeded') throw new Error(`job ${jobId} ended ${job.state}: ${job.errorCode} ${job.errorMessage}`);
      return job;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
