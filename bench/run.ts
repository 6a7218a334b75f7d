import { writeFile } from 'node:fs/promises';
import { cleanUpOnSignals } from './interrupt.js';
import { loadNow, machineInfo } from './machine.js';
import { postgresVersion } from './postgres.js';
import { benchPurgeMemory } from './purge-memory.bench.js';
import type { BenchDatabase } from './bench-database.js';
import type { PageDepthResult } from './page-depth.bench.js';
import type { PurgeLatencyResult } from './purge-latency.bench.js';
import { renderBinListSection, renderBinSearchSection, renderBlobPurgeSection, renderPageDepthSection, renderPurgeLatencySection, renderRequestCostSection, renderSearchSection } from './report-flat.js';
import type { BlobPurgeResult } from './blob-purge.bench.js';
import type { BinListResult } from './bin-list.bench.js';
import type { BinSearchResult } from './bin-search.bench.js';
import type { MarkingResult, SearchResult } from './search.bench.js';

type SearchSectionResult = { search: SearchResult; marking: MarkingResult };
import type { RequestCostResult } from './request-cost.bench.js';
import { renderPurgeSections, renderReport } from './report.js';
import { parseArgs, type Scale } from './scale.js';

/**
 * `npm run bench [-- --quick] [--only purge|pages|latency|cost|search|blobs|binlist|binsearch|dav|start] [--database sqlite|postgres] [--out FILE] [--note TEXT]`: runs the benchmarks of issue 2
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

  const available = 'version' in postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  const databases = args.database ? available.filter((d) => d === args.database) : available;
  if (databases.length === 0) throw new Error(`--database ${args.database}: PostgreSQL cannot be reached`);
  const done = async (report: string, what: string) => {
    console.log(`\n${report}`);
    log(`${what} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (args.out) {
      await writeFile(args.out, report);
      log(`written to ${args.out}`);
    }
  };
  // Sections that run alone print their raw figures as JSON, then their markdown.
  const raw = (figures: object) => JSON.stringify({ machine, loadAtEnd: loadNow(), note: args.note, ...figures });
  if (args.only === 'pages') {
    const pages = await runPageDepth(args.scale, databases, log);
    return done(`${raw({ pages })}\n\n${renderPageDepthSection(pages)}`, 'page depth');
  }
  if (args.only === 'latency') {
    const latency = await runPurgeLatency(args.scale, databases, log);
    return done(`${raw({ latency })}\n\n${renderPurgeLatencySection(latency)}`, 'requests during a purge');
  }
  if (args.only === 'search') {
    const search = await runSearch(args.scale, databases, log);
    return done(`${raw({ search })}\n\n${renderSearchSection(search)}`, 'search');
  }
  if (args.only === 'blobs') {
    const blobs = await runBlobPurge(args.scale, databases, log);
    return done(`${raw({ blobs })}\n\n${renderBlobPurgeSection(blobs)}`, 'purge with content');
  }
  if (args.only === 'binlist') {
    const binList = await runBinList(args.scale, databases, log);
    return done(`${raw({ binList })}\n\n${renderBinListSection(binList)}`, 'whole-bin listing');
  }
  if (args.only === 'binsearch') {
    const binSearch = await runBinSearch(args.scale, databases, log);
    return done(`${raw({ binSearch })}\n\n${renderBinSearchSection(binSearch)}`, 'bin search');
  }
  if (args.only === 'dav') {
    const { benchDav, renderDavSection } = await import('./dav.bench.js');
    const dav = await benchDav(args.scale, log);
    return done(`${raw({ dav })}\n\n${renderDavSection(dav)}`, 'WebDAV throughput');
  }
  if (args.only === 'start') {
    const { benchStart, renderStartSection } = await import('./start.bench.js');
    const start = await benchStart(args.scale, log);
    return done(`${raw({ start })}\n\n${renderStartSection(start)}`, 'start-up');
  }
  if (args.only === 'cost') {
    const cost = await runRequestCost(args.scale, databases, log);
    return done(`${raw({ cost })}\n\n${renderRequestCostSection(cost)}`, 'request cost');
  }
  // Memory first: this process is smallest now, and a spawned child's maxRSS starts at it.
  log(`purge memory: ${args.scale.memoryEntries.toLocaleString('en-US')} entries in a child process ...`);
  const memory = await benchPurgeMemory(args.scale);
  if (args.only === 'purge') {
    const { benchPurgeThroughput } = await import('./purge-throughput.bench.js');
    const purge = [];
    for (const database of databases) purge.push(await benchPurgeThroughput(args.scale, database));
    return done(`${raw({ purge, memory })}\n\n${renderPurgeSections({ purge, memory, postgres })}`, 'purge benchmarks');
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

  const pages = await runPageDepth(args.scale, databases, log);
  const latency = await runPurgeLatency(args.scale, databases, log);
  const cost = await runRequestCost(args.scale, databases, log);
  const search = await runSearch(args.scale, databases, log);
  const blobs = await runBlobPurge(args.scale, databases, log);
  const binList = await runBinList(args.scale, databases, log);
  const binSearch = await runBinSearch(args.scale, databases, log);

  const report = renderReport({ machine, scale: args.scale, note: args.note, loadAtEnd: loadNow(), trashRestore, purge, requests, memory, postgres, pages, latency, cost, search, blobs, binList, binSearch });
  await done(report, 'all benchmarks');
}

/** Runs one benchmark on each database in turn, never two at once, saying what it starts. */
async function eachDatabase<T>(
  databases: readonly BenchDatabase[],
  log: (line: string) => void,
  what: (database: BenchDatabase) => string,
  bench: (database: BenchDatabase) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (const database of databases) {
    log(what(database));
    results.push(await bench(database));
  }
  return results;
}

const thousands = (n: number): string => n.toLocaleString('en-US');

async function runPageDepth(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<PageDepthResult[]> {
  const { benchPageDepth } = await import('./page-depth.bench.js');
  return eachDatabase(databases, log, (db) => `page depth on ${db}: ${thousands(scale.pageEntries)} children and bin items ...`, (db) =>
    benchPageDepth(scale, db),
  );
}

/** Marking is timed on a tenth of the bin: its rate, not its total, is the figure. */
async function runSearch(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<SearchSectionResult[]> {
  const { benchSearch, benchSearchMarking } = await import('./search.bench.js');
  const what = (db: BenchDatabase) => `search on ${db}: ${thousands(scale.searchLiveEntries)} live files, ${thousands(scale.searchBinEntries)} in the bin ...`;
  return eachDatabase(databases, log, what, async (db) => ({
    search: await benchSearch(scale, db),
    marking: await benchSearchMarking(Math.max(10_000, scale.searchBinEntries / 10), db),
  }));
}

async function runBlobPurge(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<BlobPurgeResult[]> {
  const { benchBlobPurge } = await import('./blob-purge.bench.js');
  const what = (db: BenchDatabase) => `purge of ${thousands(scale.blobPurgeFiles)} real files on ${db}, next to rm -rf ...`;
  return eachDatabase(databases, log, what, (db) => benchBlobPurge(scale, db));
}

async function runBinList(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<BinListResult[]> {
  const { benchBinList } = await import('./bin-list.bench.js');
  const what = (db: BenchDatabase) => `a bin of ${thousands(scale.binListEntries)} items listed in full on ${db}, next to trash-list ...`;
  return eachDatabase(databases, log, what, (db) => benchBinList(scale, db));
}

async function runBinSearch(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<BinSearchResult[]> {
  const { benchBinSearch } = await import('./bin-search.bench.js');
  const what = (db: BenchDatabase) => `bin search on ${db}: the first page at 1,000 and at ${thousands(scale.binSearchEntries)} bin items, per filter ...`;
  return eachDatabase(databases, log, what, (db) => benchBinSearch(scale, db));
}

async function runRequestCost(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<RequestCostResult[]> {
  const { benchRequestCost } = await import('./request-cost.bench.js');
  return eachDatabase(databases, log, (db) => `request cost on ${db}: ${scale.costRounds} rounds next to a bare Fastify ...`, (db) =>
    benchRequestCost(scale, db),
  );
}

async function runPurgeLatency(scale: Scale, databases: readonly BenchDatabase[], log: (line: string) => void): Promise<PurgeLatencyResult[]> {
  const { benchPurgeLatency } = await import('./purge-latency.bench.js');
  const what = (db: BenchDatabase) => `requests during a purge of ${thousands(scale.latencyPurgeEntries)} entries on ${db} ...`;
  return eachDatabase(databases, log, what, (db) => benchPurgeLatency(scale, db));
}

await main();
