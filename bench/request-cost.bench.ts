import { startOn, type BenchDatabase } from './bench-database.js';
import type { BenchNode } from './bench-node.js';
import { runBenchChild, startBenchChild, type ServingChild } from './child-process.js';
import { HELLO_OPERATIONS, type CostLoadOperation } from './cost-operations.js';
import type { LoadPlan, LoadResult } from './load-child.js';
import { benchPostgresUrl } from './postgres.js';
import { preparePlan } from './request-throughput.bench.js';
import type { Scale } from './scale.js';
import { summarize, type Summary } from './stats.js';

/**
 * What is compared: the yardstick first; on PostgreSQL the yardstick after one round trip
 * to the database, and after `async_task/get`'s own statement (floors under any read
 * there, and under that route); then the two cheapest reads of a real node.
 */
export const COST_OPERATIONS = ['hello', 'helloPostgres', 'helloRead', 'asyncTaskGet', 'get'] as const satisfies readonly CostLoadOperation[];
export type CostOperation = (typeof COST_OPERATIONS)[number];
const POSTGRES_ONLY: readonly CostOperation[] = ['helloPostgres', 'helloRead'];
export const costOperations = (database: BenchDatabase): CostOperation[] =>
  COST_OPERATIONS.filter((op) => database === 'postgres' || !POSTGRES_ONLY.includes(op));

export interface RequestCostResult {
  database: BenchDatabase;
  clients: number;
  rounds: number;
  windowMs: number;
  /** Requests per second, one sample per round. */
  perSecond: Partial<Record<CostOperation, Summary>> & Record<'hello', Summary>;
  /** Per round, the operation's requests/s over hello-world's in the same round. */
  ratio: Partial<Record<Exclude<CostOperation, 'hello'>, Summary>>;
  /** Median latency in ms over all rounds. */
  medianMs: Partial<Record<CostOperation, number>>;
  /**
   * CPU time the serving process spent per request (warm-up included), one sample per
   * round: on a machine shared with other work, far steadier than requests/s.
   */
  cpuMicrosPerRequest: Partial<Record<CostOperation, Summary>> & Record<'hello', Summary>;
  /** Share of the machine's CPU busy during the timed windows (median over rounds and operations). */
  machineBusy: number;
}

/** Tasks for `async_task/get`: restores, each finished or queued, on drives of the plan. */
const TASKS = 8;

/**
 * What a request costs on top of the HTTP framework (issue 10 item 5): a bare Fastify
 * hello-world in a process of its own, and a real node, each served by the same load
 * generator (`requestClients` keep-alive clients) in another process. The three take
 * turns, round after round, so a neighbour's load on the shared machine lands on all of
 * them; each round's ratio to hello-world is taken within the round. The serving
 * process's CPU time per request is measured too: the node runs in this process, which
 * does nothing else while the load runs.
 */
export async function benchRequestCost(scale: Scale, database: BenchDatabase): Promise<RequestCostResult> {
  const setup = await startOn(database);
  let hello: ServingChild<{ url: string }> | undefined;
  try {
    hello = await startBenchChild<{ url: string }>('hello-child.ts', database === 'postgres' ? [benchPostgresUrl, setup.databaseUrl] : []);
    const { node } = setup;
    const plan = await preparePlan(node, database, scale);
    const taskIds = await makeTasks(node, plan);
    const measured = costOperations(database);
    const operations = Array.from({ length: scale.costRounds }, () => measured).flat();
    const helloUrl = hello.ready.url;
    const load: LoadPlan = {
      ...plan,
      urls: [node.url],
      helloUrl,
      // fetch costs the generator more than a hello-world costs its server: it would cap both.
      client: 'http',
      taskIds,
      operations,
      warmupMs: scale.costWarmupMs,
      durationMs: scale.costWindowMs,
    };
    const results: (LoadResult<CostOperation> & { cpuMicros: number })[] = [];
    for (const operation of operations) {
      // One load process per window, so the server's own CPU time is known per operation.
      const cpu = HELLO_OPERATIONS.includes(operation) ? () => helloCpu(helloUrl) : async () => process.cpuUsage();
      const before = await cpu();
      const [result] = await runBenchChild<LoadResult<CostOperation>[]>('load-child.ts', [JSON.stringify({ ...load, operations: [operation] })]);
      const after = await cpu();
      results.push({ ...result!, cpuMicros: after.user + after.system - before.user - before.system });
    }
    const of = (op: CostOperation) => results.filter((r) => r.operation === op);
    const rates = (op: CostOperation) => of(op).map((r) => r.operations / r.seconds);
    const latencies = (op: CostOperation) => of(op).flatMap((r) => Object.values(r.latencies).flat());
    const cpuPerRequest = (op: CostOperation) => summarize(of(op).map((r) => r.cpuMicros / r.requests));
    const helloRates = rates('hello');
    const ratio = (op: CostOperation) => summarize(rates(op).map((rate, round) => rate / helloRates[round]!));
    const each = <V>(value: (op: CostOperation) => V) => Object.fromEntries(measured.map((op) => [op, value(op)]));
    return {
      database,
      clients: plan.clients,
      rounds: scale.costRounds,
      windowMs: scale.costWindowMs,
      perSecond: { hello: summarize(helloRates), ...each((op) => summarize(rates(op))) },
      ratio: Object.fromEntries(measured.filter((op) => op !== 'hello').map((op) => [op, ratio(op)])),
      medianMs: each((op) => summarize(latencies(op)).median),
      cpuMicrosPerRequest: { hello: cpuPerRequest('hello'), ...each(cpuPerRequest) },
      machineBusy: summarize(results.map((r) => r.machineBusy)).median,
    };
  } finally {
    await hello?.stop();
    await setup.cleanup();
  }
}

async function helloCpu(url: string): Promise<NodeJS.CpuUsage> {
  return (await (await fetch(`${url}/cpu`)).json()) as NodeJS.CpuUsage;
}

/** Trashes and restores each client's folder over HTTP, as a PDS client would: the restore is a task. */
async function makeTasks(node: BenchNode, plan: Omit<LoadPlan, 'urls'>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    const pair = plan.pairs[i % plan.pairs.length]!;
    const body = { drive_id: pair.driveId, file_id: pair.fileId };
    await post(node.url, plan.token, 'recyclebin/trash', body);
    const restored = await post(node.url, plan.token, 'recyclebin/restore', body);
    ids.push(restored.async_task_id as string);
  }
  return ids;
}

async function post(url: string, token: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/v2/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 202) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
