import type { Machine } from './machine.js';
import type { PageDepthResult } from './page-depth.bench.js';
import type { PurgeLatencyResult } from './purge-latency.bench.js';
import { renderBinListSection, renderBinSearchSection, renderBlobPurgeSection, renderPageDepthSection, renderPurgeLatencySection, renderRequestCostSection, renderSearchSection } from './report-flat.js';
import type { MarkingResult, SearchResult } from './search.bench.js';
import type { BinListResult } from './bin-list.bench.js';
import type { BinSearchResult } from './bin-search.bench.js';
import type { BlobPurgeResult } from './blob-purge.bench.js';
import type { RequestCostResult } from './request-cost.bench.js';
import type { PurgeMemoryResult } from './purge-memory.bench.js';
import { DATABASE_LABELS, type BenchDatabase } from './bench-database.js';
import type { LoadOperation } from './load-child.js';
import type { PurgeMethod, PurgeThroughputResult } from './purge-throughput.bench.js';
import type { RequestRun, RequestThroughputResult } from './request-throughput.bench.js';
import type { Scale } from './scale.js';
import type { SeedShape } from './seed.js';
import { mb, ms, thousands, type Summary } from './stats.js';
import type { TrashRestoreCase, TrashRestoreResult } from './trash-restore.bench.js';

export interface Results {
  machine: Machine;
  scale: Scale;
  note: string | undefined;
  /** 1-minute load average when the last benchmark ended. */
  loadAtEnd: number;
  trashRestore: TrashRestoreResult;
  /** SQLite first, then PostgreSQL when it could be reached. */
  purge: PurgeThroughputResult[];
  requests: RequestThroughputResult;
  memory: PurgeMemoryResult;
  /** The PostgreSQL server's version, or why it was not measured. */
  postgres: { version: string } | { missing: string };
  pages: PageDepthResult[];
  latency: PurgeLatencyResult[];
  cost: RequestCostResult[];
  search: { search: SearchResult; marking: MarkingResult }[];
  blobs: BlobPurgeResult[];
  binList: BinListResult[];
  binSearch: BinSearchResult[];
}

const METHOD_LABELS: [PurgeMethod, string][] = [
  ['job', 'delete job'],
  ['plainStorageOrder', 'plain SQL, storage order'],
  ['plainIdOrder', 'plain SQL, id order'],
];

/** Peak memory the purge of a million entries must stay under (issue 2, item 7). */
export const MEMORY_TARGET_BYTES = 300e6;

const shape = (s: SeedShape): string =>
  `${thousands(s.entries)} entries (${thousands(s.folders)} folders in ${s.folderLevels} levels, ${thousands(s.files)} files, ` +
  `${(s.bytes / 1024 ** 3).toFixed(1)} GiB counted), seeded in ${s.seconds.toFixed(1)} s`;

const trashRow = (label: string, c: TrashRestoreCase): string =>
  `| ${label} | ${thousands(c.entries)} | ${ms(c.trash.median)} | ${ms(c.trash.p95)} | ${ms(c.restore.median)} | ${ms(c.restore.p95)} |`;

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

const OPERATION_LABELS: Record<LoadOperation, string> = { get: 'get', list: 'list', trashRestore: 'trash + restore' };

/** Latencies in a fixed order of requests (a pair's trash before its restore). */
const latencyRows = (latency: Record<string, Summary>): [string, Summary][] =>
  Object.entries(latency).sort(([a], [b]) => REQUEST_ORDER.indexOf(a) - REQUEST_ORDER.indexOf(b));
const REQUEST_ORDER = ['file/get', 'file/list', 'recyclebin/trash', 'recyclebin/restore'];

/**
 * Whether a second node added anything, said from the CPU figures: with the machine
 * already busy there is nothing a second process could add.
 */
function scalingVerdict(one: RequestRun, two: RequestRun, gain: number, cpus: number): string {
  const busy = (run: RequestRun) => run.operations.map((o) => o.machineBusy);
  const range = (run: RequestRun) => `${pct(Math.min(...busy(run)))}-${pct(Math.max(...busy(run)))}`;
  const said = `With one node the CPUs were ${range(one)} busy, with two ${range(two)}.`;
  if (Math.min(...busy(one)) >= 0.9) {
    return `${said} One node already kept them busy, so a second had no CPU
to add: it shares the same ${cpus} CPUs with the first node, PostgreSQL and the load generator,
and adds a process to schedule and a second pool of connections. These rows cannot
show scaling; the differences between them are the scheduling of the same CPUs, plus
whatever else ran on the machine (see the load average).`;
  }
  if (Math.min(...busy(two)) >= 0.9) {
    const slower = two.operations.filter((o) => o.perSecond < one.operations.find((x) => x.operation === o.operation)!.perSecond);
    const effect =
      slower.length > 0
        ? `, yet ${slower.map((o) => OPERATION_LABELS[o.operation]).join(' and ')} ran slower than on one node: the CPU went to a second process and a second pool of connections, not to more requests`
        : gain >= 1.15
          ? ', and every rate rose by 15% or more'
          : ', without raising every rate by 15%';
    return `${said} The second node put to work what CPU one node had left
idle${effect}. Then the machine was full: that is as far as ${cpus} CPUs shared by the nodes,
PostgreSQL and the load generator go, not a measure of how nodes scale.`;
  }
  return `${said} CPU was left idle even with two nodes, yet ${gain >= 1.15 ? 'every rate rose by 15% or more' : 'not every rate rose by 15%'}:
CPU is not the only limit here, and these numbers do not say which one is.`;
}

/** What the request numbers say, from the numbers: the ratios, and what they can and cannot show. */
function requestVerdict(r: Results): string {
  const { runs } = r.requests;
  const find = (database: BenchDatabase, nodes: number) => runs.find((x) => x.database === database && x.nodes === nodes);
  const sqlite = find('sqlite', 1);
  const pg1 = find('postgres', 1);
  const pg2 = find('postgres', 2);
  if (!sqlite || !pg1 || !pg2) return `\nPostgreSQL: not measured (${'missing' in r.postgres ? r.postgres.missing : 'incomplete run'}).\n`;
  const ratios = (a: RequestRun, b: RequestRun) =>
    a.operations.map((o) => `${OPERATION_LABELS[o.operation]} ${(o.perSecond / b.operations.find((x) => x.operation === o.operation)!.perSecond).toFixed(2)}x`).join(', ');
  const gain = Math.min(...pg2.operations.map((o) => o.perSecond / pg1.operations.find((x) => x.operation === o.operation)!.perSecond));
  return `
One PostgreSQL node against one SQLite node: ${ratios(pg1, sqlite)} the rate. Every
query of a request (token, user, drive, entry or ancestor chain, and for trash and
restore a transaction of a dozen statements) is a round trip to another process on
PostgreSQL; on SQLite it is a call into this one.

Two PostgreSQL nodes against one: ${ratios(pg2, pg1)} the rate.
The last column is the share of the whole machine's CPU time (${r.machine.cpus} CPUs, from \`/proc/stat\`)
that was busy during the timed window, whoever used it, and in brackets the load
generator's own share. ${scalingVerdict(pg1, pg2, gain, r.machine.cpus)}

What the run does show is that two nodes serve the same data side by side: every answer
had its expected status, and the tree's counters were right afterwards (\`bench/check-tree.ts\`).
Whether throughput grows with nodes needs nodes on machines of their own, with
PostgreSQL's capacity then the limit; these numbers do not answer that.
`;
}

/** Sections 2 and 3: purge throughput and purge memory (also printed alone by `--only purge`). */
export function renderPurgeSections(r: Pick<Results, 'purge' | 'memory' | 'postgres'>): string {
  const { purge: p, memory: mem } = r;
  const rate = (x: number) => thousands(x);
  const peak = Math.max(mem.maxRssBytes, mem.vmHwmBytes ?? 0);
  return `## 2. Purge throughput: the delete job next to a plain SQL delete, on SQLite and PostgreSQL

Subtrees of ${shape(p[0]!.seed)}${p.slice(1).map((x) => ` (${DATABASE_LABELS[x.database]}: ${x.seed.seconds.toFixed(1)} s)`).join('')}, removed three
ways on each database (SQLite: one file; PostgreSQL: a fresh schema on the server named
above, dropped afterwards), each way in ${p[0]!.rounds} rounds (a fresh subtree each time; the ways take turns going first):

- *delete job*: \`salvage.bin.delete\` on the folder, timed from the call that enqueues the job
  to the job reading \`succeeded\` (polled every 10 ms).
- *plain SQL*: batches of the job's size (${p[0]!.batchSize}), one transaction per batch on the node's own
  connection (SQLite) or pool (PostgreSQL), no bookkeeping at all.
  In *storage order* a batch is rows inserted together, which the seed wrote depth first,
  so mostly siblings, as in the job: on SQLite \`delete from entries where rowid in (select
  rowid ... order by rowid limit ${p[0]!.batchSize})\`; PostgreSQL has no stable rowid, so there it is
  \`delete from entries where drive_id = $1 and id in (...${p[0]!.batchSize} ids)\`, the ids in insertion
  order (the job's own delete statement). This is the database's own cost of removing
  the rows. In *id order* (primary-key order; ids are random) each batch touches pages all
  over the indexes keyed by parent: what a delete that ignores the tree costs.

| database | method | entries | entries/s, median | each round |
|---|---|---:|---:|---|
${p.flatMap((x) => METHOD_LABELS.map(([key, label]) => `| ${DATABASE_LABELS[x.database]} | ${label} | ${thousands(x.rates[key].entries)} | ${rate(x.rates[key].medianPerSecond)} | ${x.rates[key].perSecond.map(rate).join(', ')} |`)).join('\n')}

The job runs at ${p.map((x) => `${(100 * x.rates.job.medianPerSecond / x.rates.plainStorageOrder.medianPerSecond).toFixed(0)}% (${DATABASE_LABELS[x.database]})`).join(' and ')} of the storage-order delete's rate on the same
database (median against median).
What the job does beyond deleting rows: each batch walks from the trash root to a folder
of leaves, keeps \`tree_count\`/\`tree_bytes\` right on every ancestor and
\`used_size\`/\`bin_bytes\` on the drive, detaches nested trash roots, queues blobs for
removal, and records progress and renews its lease in the same transaction, so a crash
or a cancel loses nothing and is seen within one batch. On PostgreSQL all of the purge's
part is one statement (data-modifying CTEs, \`purgeBatch\`), two when the batch runs past
the end of a folder, and the job's own part is locking the drive and one guarded update
of the job: about six round trips a batch of ${p[0]!.batchSize}, against three (begin, delete, commit) for
the plain delete. A delete there only marks the row dead (its index entries go at the
next vacuum, outside the timing), so removing rows is cheap, and what the job adds shows:
the walk, the counter updates, the rows the CTEs pass along, and the extra round trips,
each a wake-up of another process (on a busy machine each costs more).
On SQLite a statement is a function call and the walk, counters and job rows cost little;
once the database outgrows its page cache, removing each row from the table and from
every index on it is most of the time, for the job and the plain delete alike.
${p.length === 1 ? `\nPostgreSQL: not measured (${'missing' in r.postgres ? r.postgres.missing : ''}).\n` : ''}
## 3. Peak memory of purging ${thousands(mem.entries - 1)} entries

One child process makes a drive and seeds it with ${shape(mem.seed)}; a second one starts a
node over that data directory, permanently deletes the folder (\`salvage.bin.delete\` on the
live folder) and waits for the job. The figures are the second process's.

| | |
|---|---:|
| entries purged (folder included) | ${thousands(mem.entries)} |
| time, enqueue to succeeded | ${mem.seconds.toFixed(1)} s (${rate(mem.entries / mem.seconds)} entries/s) |
| RSS before the purge (node started, idle) | ${mb(mem.rssBeforeBytes)} MB |
| highest RSS sampled during start-up (every 20 ms) | ${mb(mem.startupPeakRssBytes)} MB |
| highest RSS sampled during the purge (every 20 ms) | ${mb(mem.purgePeakRssBytes)} MB |
| max RSS of the process (\`process.resourceUsage().maxRSS\`) | **${mb(mem.maxRssBytes)} MB** |
| peak RSS of the process since exec (VmHWM) | ${mem.vmHwmBytes === null ? 'n/a' : `${mb(mem.vmHwmBytes)} MB`} |
| target | under ${mb(MEMORY_TARGET_BYTES)} MB: ${peak < MEMORY_TARGET_BYTES ? 'met' : '**missed**'} |

MB are 10^6 bytes. On Linux a spawned process's \`maxRSS\` starts at its parent's RSS at the
moment of the spawn (the forked image counts), so the benchmark spawns this child first,
while the runner is small (${mb(mem.parentRssAtSpawnBytes)} MB at the spawn); VmHWM is not affected and
is the cleaner figure. Both include Node itself, the tsx loader that runs the TypeScript
sources (about 35 MB), the HTTP server and the modules: the RSS before the purge is that
fixed cost, and the purge adds the difference.

`;
}

/** The whole of BENCHMARKS.md: how the numbers were made, then the numbers. */
export function renderReport(r: Results): string {
  const { machine: m, trashRestore: t } = r;
  const rate = (x: number) => thousands(x);
  const q = r.requests;
  return `# Benchmarks

Run with \`npm run bench\` (full scale, rewrites this file; about half an hour and 3 GB of
temporary disk). \`npm run bench -- --quick\` is a smoke run at small scale that prints
its report without writing it (add \`--out FILE\` to keep it); \`--only purge\` runs sections 2
and 3 alone, \`--only pages\` section 5, \`--only latency\` section 6, \`--only cost\` section 7, \`--only search\` section 8, \`--only blobs\` section 9, \`--only binlist\` section 10, \`--only binsearch\` section 11, \`--only dav\` section 12 and \`--only start\` section 13 (after \`npm run build\`), and prints them after
their raw figures as JSON; \`--database sqlite\` or \`--database postgres\` runs one database's half. Sections 12 and 13
are run only with \`--only\`: this full run leaves them out. The PostgreSQL parts use
\`SALVAGE_BENCH_POSTGRES_URL\` (default \`postgres://postgres@127.0.0.1:5432/test\`), a fresh
schema for each benchmark, dropped afterwards; without a reachable server they are skipped
and the report says so.

## Machine

| | |
|---|---|
| CPUs (\`nproc\`) | ${m.cpus} |
| CPU model | ${m.cpuModel} |
| Memory | ${m.memoryGiB} GiB |
| Node | ${m.node} |
| Date | ${m.date} |
| Load average (1 min) at start / end | ${m.loadAtStart} / ${r.loadAtEnd} |
| PostgreSQL | ${'version' in r.postgres ? `${r.postgres.version}, on this machine (127.0.0.1), default settings` : `not measured: ${r.postgres.missing}`} |
| Scale | ${r.scale.name} |
${r.note ? `\n**Note:** ${r.note}\n` : ''}
## 1. Trash and restore cost does not depend on the folder's size

A folder holding 1 entry and one holding ${shape(t.seed)}, both directly under root,
trashed (\`salvage.bin.trash\`) and restored (\`salvage.bin.restore\`, policy \`queue\`: it runs
in the call when no other job holds the drive) ${r.scale.repetitions} times each, alternating, after
${r.scale.warmup} untimed rounds. Times are milliseconds of the core call, in-process.

| folder | entries below | trash median | trash p95 | restore median | restore p95 |
|---|---:|---:|---:|---:|---:|
${trashRow('small', t.small)}
${trashRow('big', t.big)}

Median ratio big / small: trash ${(t.big.trash.median / t.small.trash.median).toFixed(2)}x, restore ${(t.big.restore.median / t.small.restore.median).toFixed(2)}x.
Both operations update the ancestor chain only (O(depth)); nothing below the folder is
read or written. The p95 column mostly shows other load on the machine (a WAL
checkpoint, another process on the CPU), which falls on both folders alike.

${renderPurgeSections(r)}## 4. Request throughput over HTTP: SQLite, PostgreSQL, two nodes on PostgreSQL

A drive with a folder of ${thousands(q.folderEntries)} files (seeded as below), served by a real node
(\`startNode\`, as \`salvage serve\` runs it). ${q.clients} clients in a separate process send one request
after another over keep-alive connections (Node's \`fetch\`) to 127.0.0.1, for ${(q.warmupMs / 1000).toFixed(1)} s untimed and
then ${(q.durationMs / 1000).toFixed(0)} s timed per operation, and stop by themselves. Every request carries a bearer token
(looked up in the database each time), and every answer must have the expected status or
the run fails.

- *get*: \`/v2/file/get\` of one of ${thousands(q.sampleFiles)} files of the folder, at random.
- *list*: \`/v2/file/list\`, a page of 100 by name, at one of the folder's first 100 page markers, at random.
- *trash + restore*: \`/v2/recyclebin/trash\` then \`/v2/recyclebin/restore\` of a folder; one operation is
  both requests. Each client has a drive of its own: a restore is a job and takes its
  drive, so clients sharing one would mostly measure queueing behind each other.

With two nodes the second one is a process of its own on the same PostgreSQL schema (as
on a second machine), and the clients are split between the nodes, ${q.clients / 2} each.

| database | nodes | operation | operations/s | request | p50 ms | p95 ms | CPU busy (generator) |
|---|---:|---|---:|---|---:|---:|---:|
${q.runs.flatMap((run) => run.operations.flatMap((o) => latencyRows(o.latency).map(([path, l], i) => `| ${i === 0 ? DATABASE_LABELS[run.database] : ''} | ${i === 0 ? run.nodes : ''} | ${i === 0 ? OPERATION_LABELS[o.operation] : ''} | ${i === 0 ? rate(o.perSecond) : ''} | \`${path}\` | ${ms(l.median)} | ${ms(l.p95)} | ${i === 0 ? `${pct(o.machineBusy)} (${pct(o.generatorBusy)})` : ''} |`))).join('\n')}
${requestVerdict(r)}
${renderPageDepthSection(r.pages)}${renderPurgeLatencySection(r.latency)}${renderRequestCostSection(r.cost)}${renderSearchSection(r.search)}${renderBlobPurgeSection(r.blobs)}${renderBinListSection(r.binList)}${renderBinSearchSection(r.binSearch)}## How the data is made

Making these trees through the core would take longer than the benchmarks, so
\`bench/seed.ts\` inserts rows straight into \`entries\` with one prepared better-sqlite3
statement, 5,000 rows per transaction, into the database of a real node (migrations
applied, drive and target folder made through the core). The tree is realistic in
shape: up to 1,000 entries directly in a folder, beyond that 2 levels (up to 200,000
entries) or 3 levels of folders whose leaf folders hold 100-1,000 files each, so files
sit 4-5 levels below root. Counters are set as the core would: every folder's
\`tree_count\` is 1 plus its children's, \`tree_bytes\` their sum, files count 1 and their
size; the target folder, its ancestors and the drive's \`used_size\` are raised by the
subtree's totals. \`bench/check-tree.ts\` recomputes all of it from the rows after seeding
and again after every purge, and the run fails on any difference (after a plain SQL
delete, the counters it skipped are put right, untimed, before the check). The seeding
connection runs with \`synchronous = OFF\` and a 256 MiB page cache; the node under test
keeps its own settings (WAL, \`synchronous = NORMAL\`, SQLite's default page cache).

On PostgreSQL \`bench/seed-postgres.ts\` writes the same rows through Kysely on the node's
own pool: 5,000 rows a statement and a transaction, each column bound as one array and
spread by \`unnest\` (no COPY; twice as fast as 1,000-row \`VALUES\` lists), with
\`synchronous_commit = off\` for the seeding transactions only. The seed ends with
\`ANALYZE entries\`, as autovacuum would soon after a bulk load: on a table that was never
analyzed the planner takes the job's \`drive_id = $1 and id in (...500 ids)\` delete for a
scan of the drive's whole primary-key range (a bitmap scan filtering out every other
row), and the job then ran at about a third of its rate here. The counters' check runs the
same queries on both databases.

Files have sizes (1 KiB to 1 MiB) but no content: \`blob_id\` is null and no blob file exists.
The purge treats such rows like any other; it only skips queuing a blob for removal, so
the times above leave out unlinking files from disk.
`;
}
