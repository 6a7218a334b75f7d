/**
 * The load generator of the request benchmark, in a process of its own so that it does
 * not share an event loop with the node it measures. For each operation in turn, a fixed
 * number of clients each send one request after another (keep-alive connections of
 * Node's fetch) for a warm-up and then a fixed time, and stop by themselves; client i
 * talks to `urls[i % urls.length]`.
 *
 * argv: one JSON LoadPlan; prints one JSON line: LoadResult[].
 */

import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { HELLO_OPERATIONS, type CostLoadOperation } from './cost-operations.js';

export type LoadOperation = 'get' | 'list' | 'trashRestore';
type AnyOperation = LoadOperation | CostLoadOperation;

export interface LoadPlan {
  urls: string[];
  token: string;
  clients: number;
  warmupMs: number;
  durationMs: number;
  operations: AnyOperation[];
  /** get: files to read, at random. */
  driveId: string;
  fileIds: string[];
  /** list: the big folder and the markers of its pages (null: the first page), at random. */
  folderId: string;
  markers: (string | null)[];
  /** trashRestore: client i trashes and restores `pairs[i].fileId` in its own drive. */
  pairs: { driveId: string; fileId: string }[];
  /** asyncTaskGet: tasks to read, at random. */
  taskIds?: string[];
  /**
   * How requests are sent: Node's fetch (the default), or node:http with a keep-alive
   * agent, which costs the generator several times less CPU a request: on a shared
   * 2-core machine fetch, not the server, capped a hello-world near 300 requests/s.
   */
  client?: 'fetch' | 'http';
  /** hello: a bare Fastify server answering `POST /v2/hello` with a small JSON (hello-child.ts). */
  helloUrl?: string;
}

export interface LoadResult<O extends AnyOperation = LoadOperation> {
  operation: O;
  /** Completed operations (a trash + restore pair counts once) in the timed window. */
  operations: number;
  seconds: number;
  /** Requests sent in the warm-up and the timed window together. */
  requests: number;
  /** Latency samples in ms by request path, timed window only. */
  latencies: Record<string, number[]>;
  /** Share of the machine's CPU time that was busy in the timed window (every process, this one included). */
  machineBusy: number;
  /** Share of the machine's CPU time this load generator used in the timed window. */
  generatorBusy: number;
}

/** Busy and total CPU time of the whole machine so far, from /proc/stat (Linux; zeros elsewhere). */
function machineCpu(): { busy: number; total: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = fields[3]! + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}


async function post(url: string, path: string, token: string, body: unknown, expect: number): Promise<void> {
  const res = await fetch(`${url}/v2/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
}

const agent = new Agent({ keepAlive: true });

/** The same request as `post`, through node:http. */
function postHttp(url: string, path: string, token: string, body: unknown, expect: number): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v2/${path}`,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === expect ? resolve() : reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 200)}`))));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function runOperation(plan: LoadPlan, operation: AnyOperation): Promise<LoadResult<AnyOperation>> {
  const latencies: Record<string, number[]> = {};
  const send = plan.client === 'http' ? postHttp : post;
  let operations = 0;
  let requests = 0;
  const start = performance.now();
  const timedFrom = start + plan.warmupMs;
  const end = timedFrom + plan.durationMs;
  const timed = async (url: string, path: string, body: unknown, expect: number) => {
    const t0 = performance.now();
    requests++;
    await send(url, path, plan.token, body, expect);
    const t1 = performance.now();
    if (t0 >= timedFrom) (latencies[path] ??= []).push(t1 - t0);
    return t0 >= timedFrom;
  };
  const client = async (i: number) => {
    const url = (HELLO_OPERATIONS as readonly AnyOperation[]).includes(operation) ? plan.helloUrl! : plan.urls[i % plan.urls.length]!;
    while (performance.now() < end) {
      let counted: boolean;
      if (operation === 'get') {
        counted = await timed(url, 'file/get', { drive_id: plan.driveId, file_id: pick(plan.fileIds) }, 200);
      } else if (operation === 'asyncTaskGet') {
        counted = await timed(url, 'async_task/get', { async_task_id: pick(plan.taskIds!) }, 200);
      } else if (operation === 'hello') {
        // The same request as the others (token, JSON body), to a server that does nothing else.
        counted = await timed(url, 'hello', { hello: 'world' }, 200);
      } else if (operation === 'helloPostgres') {
        counted = await timed(url, 'hello-postgres', { hello: 'world' }, 200);
      } else if (operation === 'helloRead') {
        counted = await timed(url, 'hello-read', { async_task_id: pick(plan.taskIds!) }, 200);
      } else if (operation === 'list') {
        const marker = pick(plan.markers);
        counted = await timed(url, 'file/list', { drive_id: plan.driveId, parent_file_id: plan.folderId, limit: 100, ...(marker && { marker }) }, 200);
      } else {
        const pair = plan.pairs[i]!;
        const body = { drive_id: pair.driveId, file_id: pair.fileId };
        counted = await timed(url, 'recyclebin/trash', body, 202);
        counted = (await timed(url, 'recyclebin/restore', body, 202)) && counted;
      }
      if (counted && performance.now() <= end) operations++;
    }
  };
  const cpuWindow = (async () => {
    await new Promise((r) => setTimeout(r, plan.warmupMs));
    const [machine, self] = [machineCpu(), process.cpuUsage()];
    await new Promise((r) => setTimeout(r, plan.durationMs));
    const [machineEnd, selfUsed] = [machineCpu(), process.cpuUsage(self)];
    const total = machineEnd.total - machine.total;
    // /proc/stat counts in clock ticks of all CPUs together; cpuUsage in microseconds.
    const capacityMicros = plan.durationMs * 1000 * availableParallelism();
    return {
      machineBusy: total > 0 ? (machineEnd.busy - machine.busy) / total : 0,
      generatorBusy: (selfUsed.user + selfUsed.system) / capacityMicros,
    };
  })();
  await Promise.all(Array.from({ length: plan.clients }, (_, i) => client(i)));
  // Operations that end after `end` are not counted; the window is exactly durationMs.
  return { operation, operations, requests, seconds: plan.durationMs / 1000, latencies, ...(await cpuWindow) };
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2]!) as LoadPlan;
  if ([...plan.urls, plan.helloUrl ?? 'http://127.0.0.1:'].some((u) => !u.startsWith('http://127.0.0.1:'))) throw new Error('the load generator talks to 127.0.0.1 only');
  const results: LoadResult<AnyOperation>[] = [];
  for (const operation of plan.operations) results.push(await runOperation(plan, operation));
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

await main();
