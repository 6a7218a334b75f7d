import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { startBenchNode } from './bench-node.js';
import type { Scale } from './scale.js';
import { summarize, type Summary } from './stats.js';

const run = promisify(execFile);

export interface DavResult {
  bytes: number;
  rounds: number;
  /** Seconds per transfer, as curl's time_total reports it. */
  seconds: Record<'davPut' | 'davGet' | 'plainPut' | 'plainGet', Summary>;
  /** MiB/s of the medians. */
  mibPerSecond: Record<'davPut' | 'davGet' | 'plainPut' | 'plainGet', number>;
  /** WebDAV time over the plain server's, per round (PUT and GET): 1 is as fast, 2 twice as slow. */
  ratio: Record<'put' | 'get', Summary>;
}

/**
 * The yardstick: a plain static file server in this process (node's http with
 * fs.createReadStream for GET, a PUT that streams to a file and fsyncs it before
 * answering, as Salvage's blob store does).
 */
async function plainServer(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = join(dir, 'plain.bin');
    if (req.method === 'PUT') {
      void (async () => {
        const handle = await open(path, 'w');
        await pipeline(req, createWriteStream('', { fd: handle.fd, autoClose: false }));
        await handle.sync();
        await handle.close();
        res.writeHead(201).end();
      })().catch(() => res.writeHead(500).end());
      return;
    }
    void stat(path).then(
      (s) => {
        res.writeHead(200, { 'content-length': s.size, 'content-type': 'application/octet-stream' });
        createReadStream(path).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/plain.bin`, server };
}

/** One transfer by curl; its own time_total, in seconds. */
async function curl(args: string[]): Promise<number> {
  const { stdout } = await run('curl', ['-s', '-S', '-f', '-o', '/dev/null', '-w', '%{time_total}', ...args], { maxBuffer: 1024 * 1024 });
  return Number(stdout);
}

/**
 * WebDAV throughput (issue 17 item 5): a file of `davBytes` PUT to and GET from a drive
 * over /dav/ by curl, against curl and a plain static file server on the same machine.
 * Both take turns, round after round, so a neighbour's load lands on both; the ratio is
 * taken within each round.
 */
export async function benchDav(scale: Scale, log: (line: string) => void): Promise<DavResult> {
  const dir = await mkdtemp(join(tmpdir(), 'salvage-bench-dav-'));
  const node = await startBenchNode(join(dir, 'node'));
  const plain = await plainServer(dir);
  try {
    const source = join(dir, 'source.bin');
    const bytes = scale.davBytes;
    await run('sh', ['-c', `head -c ${bytes} /dev/urandom > '${source}'`]);
    await node.salvage.drives.create(node.actor, { name: 'bench', origin: 'pds' });
    const auth = ['-u', `admin:bench-admin-password`];
    const samples = { davPut: [] as number[], davGet: [] as number[], plainPut: [] as number[], plainGet: [] as number[] };
    const ratio = { put: [] as number[], get: [] as number[] };
    for (let round = 0; round < scale.davRounds; round++) {
      // A new name each round: an overwrite would keep the last round's file in the bin.
      const davUrl = `${node.url}/dav/bench/big-${round}.bin`;
      const davPut = await curl([...auth, '-T', source, davUrl]);
      const plainPut = await curl(['-T', source, plain.url]);
      const plainGet = await curl([plain.url]);
      const davGet = await curl([...auth, davUrl]);
      Object.entries({ davPut, davGet, plainPut, plainGet }).forEach(([k, v]) => samples[k as keyof typeof samples].push(v));
      ratio.put.push(davPut / plainPut);
      ratio.get.push(davGet / plainGet);
      log(`dav round ${round + 1}: PUT ${davPut.toFixed(2)} s vs ${plainPut.toFixed(2)} s, GET ${davGet.toFixed(2)} s vs ${plainGet.toFixed(2)} s`);
    }
    const seconds = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])) as DavResult['seconds'];
    const mib = bytes / 1024 ** 2;
    const mibPerSecond = Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, Math.round((mib / s.median) * 10) / 10])) as DavResult['mibPerSecond'];
    return { bytes, rounds: scale.davRounds, seconds, mibPerSecond, ratio: { put: summarize(ratio.put), get: summarize(ratio.get) } };
  } finally {
    plain.server.close();
    await node.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function renderDavSection(r: DavResult): string {
  const gib = (r.bytes / 1024 ** 3).toFixed(r.bytes >= 1024 ** 3 ? 0 : 2);
  const f = (n: number) => n.toFixed(2);
  return [
    `## 12. WebDAV: ${gib} GiB PUT and GET next to a plain file server`,
    '',
    `curl against \`/dav/<drive>/\` (HTTP Basic) and against a plain node http file server (GET from a file, PUT to a file with fsync) on the same machine, taking turns, ${r.rounds} rounds; medians.`,
    '',
    '| | WebDAV | plain server | ratio (WebDAV / plain, median of rounds) |',
    '|---|---|---|---|',
    `| PUT | ${f(r.seconds.davPut.median)} s (${r.mibPerSecond.davPut} MiB/s) | ${f(r.seconds.plainPut.median)} s (${r.mibPerSecond.plainPut} MiB/s) | ${f(r.ratio.put.median)} (max ${f(r.ratio.put.max)}) |`,
    `| GET | ${f(r.seconds.davGet.median)} s (${r.mibPerSecond.davGet} MiB/s) | ${f(r.seconds.plainGet.median)} s (${r.mibPerSecond.plainGet} MiB/s) | ${f(r.ratio.get.median)} (max ${f(r.ratio.get.max)}) |`,
    '',
  ].join('\n');
}
