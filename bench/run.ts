import { writeFile } from 'node:fs/promises';
import { cleanUpOnSignals } from './interrupt.js';
import { loadNow, machineInfo } from './machine.js';
import { postgresVersion } from './postgres.js';
import { benchPurgeMemory } from './purge-memory.bench.js';
import { renderPurgeSections, renderReport } from './report.js';
import { parseArgs } from './scale.js';

/**
 * `npm run bench [-- --quick] [--only purge] [--out FILE] [--note TEXT]`: runs the benchmarks of issue 2
 * item 7 and issue 5 one after the other (never at once: they would measure each other)
 * and prints the report; the full run also writes it to BENCHMARKS.md. PostgreSQL
 * (SALVAGE_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test) is used
 * when it can be reached; otherwise its parts are skipped and the report says so.
 */
async function main(): Promise<void> {
  const started = performance.now();
  cleanUpOnSignals();
  const args = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const log = (line: string) => console.log(`[bench ${args.scale.name}] ${line}`);
  log(`${machine.cpus} CPUs, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const postgres = await postgresVersion();
  log('version' in postgres ? `PostgreSQL ${postgres.version}` : `PostgreSQL parts skipped: ${postgres.missing}`);

  const databases = 'version' in postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  // Memory first: this process is smallest now, and a spawned child's maxRSS starts at it.
  log(`purge memory: ${args.scale.memoryEntries.toLocaleString('en-US')} entries in a child process ...`);
  const memory = await benchPurgeMemory(args.scale);
  if (args.only === 'purge') {
    const { benchPurgeThroughput } = await import('./purge-throughput.bench.js');
    const purge = [];
    for (const database of databases) purge.push(await benchPurgeThroughput(args.scale, database));
    const report = `${JSON.stringify({ machine, loadAtEnd: loadNow(), note: args.note, purge, memory })}\n\n${renderPurgeSections({ purge, memory, postgres })}`;
    console.log(`\n${report}`);
    log(`purge benchmarks took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (args.out) await writeFile(args.out, report);
    return;
  }
  log(`trash/restore: 1 entry vs ${args.scale.trashEntries.toLocaleString('en-US')} ...`);
  // Loaded only now: the core and its server are not in this process's RSS until then.
  const { benchTrashRestore } = await import('./trash-restore.bench.js');
  const { benchPurgeThroughput } = await import('./purge-throughput.bench.js');
  const { benchRequestThroughput, SAMPLE_FILES } = await import('./request-throughput.bench.js');
  const trashRestore = await benchTrashRestore(args.scale);
  const purge = [];
  for (const database of databases) {
    log(`purge throughput on ${database}: ${args.scale.purgeEntries.toLocaleString('en-US')} entries, job vs plain SQL ...`);
    purge.push(await benchPurgeThroughput(args.scale, database));
  }
  const runs = [];
  for (const database of databases) {
    log(`requests on ${database}: ${args.scale.requestClients} clients over HTTP ...`);
    runs.push(...(await benchRequestThroughput(args.scale, database, database === 'postgres' ? [1, 2] : [1])));
  }
  const requests = {
    clients: args.scale.requestClients,
    warmupMs: args.scale.requestWarmupMs,
    durationMs: args.scale.requestDurationMs,
    folderEntries: args.scale.requestFolderEntries,
    sampleFiles: SAMPLE_FILES,
    runs,
  };

  const report = renderReport({ machine, scale: args.scale, note: args.note, loadAtEnd: loadNow(), trashRestore, purge, requests, memory, postgres });
  console.log(`\n${report}`);
  log(`all benchmarks took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (args.out) {
    await writeFile(args.out, report);
    log(`written to ${args.out}`);
  }
}

await main();
