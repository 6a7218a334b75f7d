import { writeFile } from 'node:fs/promises';
import { loadNow, machineInfo } from './machine.js';
import { benchPurgeMemory } from './purge-memory.bench.js';
import { renderReport } from './report.js';
import { parseArgs } from './scale.js';

/**
 * `npm run bench [-- --quick] [--out FILE] [--note TEXT]`: runs the three benchmarks of
 * issue 2 item 7 one after the other (never at once: they would measure each other) and
 * prints the report; the full run also writes it to BENCHMARKS.md.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const log = (line: string) => console.log(`[bench ${args.scale.name}] ${line}`);
  log(`${machine.cpus} CPUs, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);

  // Memory first: this process is smallest now, and a spawned child's maxRSS starts at it.
  log(`purge memory: ${args.scale.memoryEntries.toLocaleString('en-US')} entries in a child process ...`);
  const memory = await benchPurgeMemory(args.scale);
  log(`trash/restore: 1 entry vs ${args.scale.trashEntries.toLocaleString('en-US')} ...`);
  // Loaded only now: the core and its server are not in this process's RSS until then.
  const { benchTrashRestore } = await import('./trash-restore.bench.js');
  const { benchPurgeThroughput } = await import('./purge-throughput.bench.js');
  const trashRestore = await benchTrashRestore(args.scale);
  log(`purge throughput: ${args.scale.purgeEntries.toLocaleString('en-US')} entries, job vs plain SQL ...`);
  const purge = await benchPurgeThroughput(args.scale);

  const report = renderReport({ machine, scale: args.scale, note: args.note, loadAtEnd: loadNow(), trashRestore, purge, memory });
  console.log(`\n${report}`);
  if (args.out) {
    await writeFile(args.out, report);
    log(`written to ${args.out}`);
  }
}

await main();
