import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scale } from './scale.js';
import { summarize, type Summary } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The three starts compared, each until the line that says it can answer requests. */
const STARTS = {
  /** What `npm start` and the `bin` run: the bundle of scripts/bundle.mjs. */
  bundled: { args: ['dist/salvage.mjs', 'serve', '--in-memory', '--port', '0'], ready: /Salvage is ready on / },
  /** The same CLI from tsc's ~400 files, as before the bundle. */
  compiled: { args: ['dist/cli/main.js', 'serve', '--in-memory', '--port', '0'], ready: /Salvage is ready on / },
  /** The floor: Node itself starting a bare http server. */
  node: { args: ['-e', "require('node:http').createServer((q, s) => s.end()).listen(0, '127.0.0.1', () => console.log('listening'))"], ready: /listening/ },
} as const;
type StartName = keyof typeof STARTS;

export interface StartResult {
  rounds: number;
  /** Wall milliseconds from spawn to the ready line, per start. */
  ms: Record<StartName, Summary>;
}

/** Spawns one start, waits for its ready line, stops it with SIGINT (an in-memory server removes its folder) and waits for its exit. */
async function timeStart(name: StartName): Promise<number> {
  const { args, ready } = STARTS[name];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const ms = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${output}`)), 60_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`)));
  });
  child.kill('SIGINT');
  await exited;
  return ms;
}

/**
 * Issue 16 item 6: `salvage serve --in-memory` starting in under a second. Needs `npm run
 * build` first (both the bundle and tsc's files are measured). The starts take turns, so
 * a busy moment of the machine falls on all of them.
 */
export async function benchStart(scale: Scale, log: (line: string) => void): Promise<StartResult> {
  for (const file of ['dist/salvage.mjs', 'dist/cli/main.js']) {
    if (!existsSync(`${ROOT}/${file}`)) throw new Error(`${file} is missing: run npm run build first`);
  }
  const rounds = scale.name === 'full' ? 15 : 3;
  const samples: Record<StartName, number[]> = { bundled: [], compiled: [], node: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(STARTS) as StartName[]) samples[name].push(await timeStart(name));
    log(`start round ${round + 1}/${rounds}: ${(Object.keys(samples) as StartName[]).map((n) => `${n} ${samples[n].at(-1)!.toFixed(0)} ms`).join(', ')}`);
  }
  return { rounds, ms: { bundled: summarize(samples.bundled), compiled: summarize(samples.compiled), node: summarize(samples.node) } };
}

export function renderStartSection(r: StartResult): string {
  const row = (label: string, s: Summary) => `| ${label} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)} to ${s.max.toFixed(0)} | ${(s.median / r.ms.node.median).toFixed(1)}x |`;
  return [
    '## 13. Start-up of `salvage serve --in-memory`',
    '',
    `Wall milliseconds from spawning the process to its ready line, ${r.rounds} rounds, the three starts taking turns. Target: the bundled start under 1,000 ms.`,
    '',
    '| start | median ms | min to max | / bare Node |',
    '|---|---:|---|---:|',
    row('`node dist/salvage.mjs serve --in-memory` (the bundle; `npm start`)', r.ms.bundled),
    row('`node dist/cli/main.js serve --in-memory` (tsc\'s files, unbundled)', r.ms.compiled),
    row('bare Node: an http server listening', r.ms.node),
    '',
  ].join('\n');
}
