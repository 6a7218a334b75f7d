import type { Machine } from './machine.js';
import type { PurgeMemoryResult } from './purge-memory.bench.js';
import type { PurgeMethod, PurgeThroughputResult } from './purge-throughput.bench.js';
import type { Scale } from './scale.js';
import type { SeedResult } from './seed.js';
import { mb, ms, thousands } from './stats.js';
import type { TrashRestoreCase, TrashRestoreResult } from './trash-restore.bench.js';

export interface Results {
  machine: Machine;
  scale: Scale;
  note: string | undefined;
  /** 1-minute load average when the last benchmark ended. */
  loadAtEnd: number;
  trashRestore: TrashRestoreResult;
  purge: PurgeThroughputResult;
  memory: PurgeMemoryResult;
}

const METHOD_LABELS: [PurgeMethod, string][] = [
  ['job', 'delete job'],
  ['plainStorageOrder', 'plain SQL, storage order'],
  ['plainIdOrder', 'plain SQL, id order'],
];

/** Peak memory the purge of a million entries must stay under (issue 2, item 7). */
export const MEMORY_TARGET_BYTES = 300e6;

const shape = (s: SeedResult): string =>
  `${thousands(s.entries)} entries (${thousands(s.folders)} folders in ${s.folderLevels} levels, ${thousands(s.files)} files, ` +
  `${(s.bytes / 1024 ** 3).toFixed(1)} GiB counted), seeded in ${s.seconds.toFixed(1)} s`;

const trashRow = (label: string, c: TrashRestoreCase): string =>
  `| ${label} | ${thousands(c.entries)} | ${ms(c.trash.median)} | ${ms(c.trash.p95)} | ${ms(c.restore.median)} | ${ms(c.restore.p95)} |`;

/** The whole of BENCHMARKS.md: how the numbers were made, then the numbers. */
export function renderReport(r: Results): string {
  const { machine: m, trashRestore: t, purge: p, memory: mem } = r;
  const rate = (x: number) => thousands(x);
  const overhead = p.rates.plainStorageOrder.medianPerSecond / p.rates.job.medianPerSecond;
  const peak = Math.max(mem.maxRssBytes, mem.vmHwmBytes ?? 0);
  return `# Benchmarks

Run with \`npm run bench\` (full scale, rewrites this file; a few minutes and about 1 GB of
temporary disk). \`npm run bench -- --quick\` is a smoke run at small scale that prints
its report without writing it (add \`--out FILE\` to keep it).

## Machine

| | |
|---|---|
| CPUs (\`nproc\`) | ${m.cpus} |
| CPU model | ${m.cpuModel} |
| Memory | ${m.memoryGiB} GiB |
| Node | ${m.node} |
| Date | ${m.date} |
| Load average (1 min) at start / end | ${m.loadAtStart} / ${r.loadAtEnd} |
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

## 2. Purge throughput: the delete job next to a plain SQL delete

Subtrees of ${shape(p.seed)}, in one SQLite database, removed three ways, each
way in ${p.rounds} rounds (a fresh subtree each time; the ways take turns going first):

- *delete job*: \`salvage.bin.delete\` on the folder, timed from the call that enqueues the job
  to the job reading \`succeeded\` (polled every 10 ms).
- *plain SQL*: \`delete from entries where rowid in (select rowid ... limit ${p.batchSize})\`, one
  transaction per batch on the node's own connection, batches of the job's size (${p.batchSize}).
  In *storage order* (rowid order, which is the seed's depth-first order, so a batch is
  mostly siblings, as in the job) this is SQLite's own cost of removing the rows, with no
  bookkeeping. In *id order* (primary-key order; ids are random) each batch touches pages
  all over the indexes keyed by parent: what a delete that ignores the tree costs.

| method | entries | entries/s, median | each round |
|---|---:|---:|---|
${METHOD_LABELS.map(([key, label]) => `| ${label} | ${thousands(p.rates[key].entries)} | ${rate(p.rates[key].medianPerSecond)} | ${p.rates[key].perSecond.map(rate).join(', ')} |`).join('\n')}

The job runs at ${(100 / overhead).toFixed(0)}% of the storage-order delete's rate (median against median).
What the job does beyond deleting rows: each batch walks from the trash root to a folder
of leaves, keeps \`tree_count\`/\`tree_bytes\` right on every ancestor and
\`used_size\`/\`bin_bytes\` on the drive, detaches nested trash roots, queues blobs for
removal, and records progress and renews its lease in the same transaction, so a crash
or a cancel loses nothing and is seen within one batch. That is a few indexed
statements per batch of ${p.batchSize}; once the database outgrows SQLite's page cache, removing
each row from the table and from every index on it costs more than all of them.

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

## How the data is made

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

Files have sizes (1 KiB to 1 MiB) but no content: \`blob_id\` is null and no blob file exists.
The purge treats such rows like any other; it only skips queuing a blob for removal, so
the times above leave out unlinking files from disk.
`;
}
