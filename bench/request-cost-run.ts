import { DATABASE_LABELS, type BenchDatabase } from './bench-database.js';
import { cleanUpOnSignals } from './interrupt.js';
import { machineInfo } from './machine.js';
import { postgresVersion } from './postgres.js';
import { benchRequestCost, COST_OPERATIONS } from './request-cost.bench.js';
import { parseArgs } from './scale.js';
import { thousands } from './stats.js';

/**
 * `node --import tsx bench/request-cost-run.ts [--quick] [--database sqlite|postgres]`:
 * the request-cost benchmark alone (issue 10 item 5), printed as a table. Without
 * `--database`, SQLite and then PostgreSQL (when reachable).
 */
async function main(): Promise<void> {
  cleanUpOnSignals();
  const argv = process.argv.slice(2);
  const { scale } = parseArgs(argv);
  const only = argv.includes('--database') ? (argv[argv.indexOf('--database') + 1] as BenchDatabase) : undefined;
  const machine = machineInfo();
  console.log(`${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}; ${scale.requestClients} clients, ${scale.costRounds} rounds of ${scale.costWindowMs} ms`);
  const postgres = await postgresVersion();
  const databases = only ? [only] : 'version' in postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  console.log('| database | request | requests/s (median, min-max) | ratio to hello-world (median, min-max) | median ms | server CPU µs/request (median, min-max) | CPU ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const database of databases) {
    const r = await benchRequestCost(scale, database);
    for (const op of COST_OPERATIONS) {
      const rate = r.perSecond[op];
      const ratio = op === 'hello' ? undefined : r.ratio[op];
      const cpu = r.cpuMicrosPerRequest[op];
      const path = { hello: 'hello-world', asyncTaskGet: '/v2/async_task/get', get: '/v2/file/get' }[op];
      console.log(
        `| ${DATABASE_LABELS[database]} | ${path} | ${thousands(rate.median)} (${thousands(rate.min)}-${thousands(rate.max)}) | ` +
          `${ratio ? `${ratio.median.toFixed(3)}x (${ratio.min.toFixed(3)}-${ratio.max.toFixed(3)})` : '1'} | ${r.medianMs[op].toFixed(2)} | ` +
          `${cpu.median.toFixed(0)} (${cpu.min.toFixed(0)}-${cpu.max.toFixed(0)}) | ${(r.cpuMicrosPerRequest.hello.median / cpu.median).toFixed(3)}x |`,
      );
    }
    console.log(`| ${DATABASE_LABELS[database]} | machine busy ${(r.machineBusy * 100).toFixed(0)}% | | | | | |`);
  }
}

await main();
