import { DATABASE_LABELS } from './bench-database.js';
import type { BinListResult } from './bin-list.bench.js';
import type { BinSearchResult } from './bin-search.bench.js';
import type { BlobPurgeResult } from './blob-purge.bench.js';
import type { PageDepthResult } from './page-depth.bench.js';
import type { PurgeLatencyResult } from './purge-latency.bench.js';
import { costOperations, type RequestCostResult } from './request-cost.bench.js';
import type { MarkingResult, SearchCase, SearchResult } from './search.bench.js';
import { ms, thousands } from './stats.js';

/* Sections of the report on what must stay flat and cheap (issue 10): page depth, requests during a purge, per-request cost. */

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

export function renderPageDepthSection(results: PageDepthResult[]): string {
  if (results.length === 0) return '';
  const rows = results.flatMap((r) =>
    r.cases.map(
      (c, i) =>
        `| ${i === 0 ? DATABASE_LABELS[r.database] : ''} | ${c.listing} | ${thousands(c.entries)} | ${ms(c.first.median)} | ${ms(c.deep.median)} | ${ms(c.deep.p95)} | **${ratio(c.deep.median, c.first.median)}** |`,
    ),
  );
  const plans = results.flatMap((r) => r.cases.map((c) => `- ${DATABASE_LABELS[r.database]}, ${c.listing}: \`${c.plan.replace(/ *\(cost=[^)]*\)/g, '').replace(/\s+/g, ' ')}\``));
  return `## 5. Keyset pages cost the same at any depth

A folder holding ${thousands(results[0]!.cases[0]!.entries)} children, listed by name, and a bin holding as many items, listed
newest first (seeded straight into the database, see below; PostgreSQL analysed after
the load), each read from its first page and from the page that starts 90% of the way
in, ${results[0]!.pageSize} rows a page, with the store's own queries (\`listChildren\`, \`listBin\`) on a real
node's connection. The marker of the deep page is looked up once, untimed, as a client
holds it from the page before. The two pages take turns going first; times are
milliseconds per page. Target: the deep page at most 1.5x the first.

| database | listing | entries | first page median | deep page median | deep p95 | deep / first |
|---|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

The deep page's query plan, as the database prints it: an index range starting at the
marker, not a walk from the first row to it.

${plans.join('\n')}

`;
}

export function renderPurgeLatencySection(results: PurgeLatencyResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map(
    (r) =>
      `| ${DATABASE_LABELS[r.database]} | ${thousands(r.idle.n)} | ${ms(r.idle.median)} | ${ms(r.idle.p99)} | ${thousands(r.purging.n)} | ${ms(r.purging.median)} | ${ms(r.purging.p99)} | **${ratio(r.purging.p99, r.idle.p99)}** | ${thousands(r.purgedInWindow)}${r.purgeOutlastedWindow ? '' : ' (the purge ended inside the window)'} |`,
  );
  return `## 6. Requests stay fast while a purge runs

\`/v2/file/list\` (a random page of 100 of a 10,000-file folder) from ${results[0]!.clients} clients in a load
generator of its own process, for the request benchmark's warm-up and timed window,
first with the node idle, then while a delete job purges a folder of
${thousands(results[0]!.purgeEntries)} entries on another drive. On SQLite the purge's write transactions
run on the writer thread, so the requests' reads neither wait for them nor share the
event loop with them. Times are milliseconds per request, as the load generator sees
them. Target: p99 while purging at most 1.5x idle.

| database | idle requests | idle median | idle p99 | purging requests | purging median | purging p99 | p99 purging / idle | entries purged in the window |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

`;
}

const COST_PATHS = { hello: 'hello-world', helloPostgres: 'hello-world, one PostgreSQL query', helloRead: 'hello-world, `async_task/get`\'s statement', asyncTaskGet: '`/v2/async_task/get`', get: '`/v2/file/get`' } as const;

export function renderRequestCostSection(results: RequestCostResult[]): string {
  if (results.length === 0) return '';
  const first = results[0]!;
  const rows = results.flatMap((r) =>
    costOperations(r.database).map((op, i) => {
      const rate = r.perSecond[op]!;
      const ratio = op === 'hello' ? undefined : r.ratio[op];
      const cpu = r.cpuMicrosPerRequest[op]!;
      return (
        `| ${i === 0 ? DATABASE_LABELS[r.database] : ''} | ${COST_PATHS[op]} | ${thousands(rate.median)} (${thousands(rate.min)}-${thousands(rate.max)}) | ` +
        `${ratio ? `**${ratio.median.toFixed(2)}x** (${ratio.min.toFixed(2)}-${ratio.max.toFixed(2)})` : '1'} | ${ms(r.medianMs[op]!)} | ` +
        `${cpu.median.toFixed(0)} (${cpu.min.toFixed(0)}-${cpu.max.toFixed(0)}) | ${(r.cpuMicrosPerRequest.hello.median / cpu.median).toFixed(2)}x |`
      );
    }),
  );
  return `## 7. What a request costs next to a bare Fastify hello-world

A bare Fastify server answering a small JSON to \`POST /v2/hello\`, in a process of its own,
and a real node: ${first.clients} keep-alive clients (\`node:http\`) in a load generator process send
one request after another to hello-world, \`/v2/async_task/get\` (tasks of real restores)
and \`/v2/file/get\`, taking turns for ${first.rounds} rounds of ${(first.windowMs / 1000).toFixed(1)} s. The ratio is taken within each
round. On a machine shared with other work requests/s swing with it; the serving
process's CPU time per request is the steadier figure. Target: \`async_task/get\` at least
0.5x hello-world's requests/s. On PostgreSQL the hello-world server also answers after one
round trip to the database (a named prepared \`select\` through \`pg\`, as a node's reads
are): the floor under any request that reads the database there; and after the one
statement \`async_task/get\` makes (Salvage's own repository call, \`findJobForCaller\`, on a
store of its own): the floor under that route, without Salvage's HTTP pipeline, checks and
rendering.

| database | request | requests/s (median, min-max) | ratio to hello-world (median, min-max) | median ms | server CPU µs/request (median, min-max) | CPU, hello-world / this |
|---|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

`;
}

const QUERY_LABELS = { contains: 'name contains', equals: 'exact name' } as const;

export function renderSearchSection(results: { search: SearchResult; marking: MarkingResult }[]): string {
  if (results.length === 0) return '';
  const find = (r: SearchResult, round: SearchCase['round'], query: SearchCase['query'], bin: SearchCase['bin']) =>
    r.cases.find((c) => c.round === round && c.query === query && c.bin === bin);
  const rows = results.flatMap(({ search: r }) =>
    (['contains', 'equals'] as const).flatMap((query) =>
      (['before-marking', 'after-marking'] as const).map((round) => {
        const empty = find(r, round, query, 'empty');
        const binned = find(r, round, query, round === 'before-marking' ? 'unmarked' : 'marked');
        if (!empty || !binned) return '';
        const state = round === 'before-marking' ? 'not yet marked' : 'marked';
        return `| ${DATABASE_LABELS[r.database]} | ${QUERY_LABELS[query]} | ${state} | ${ms(empty.firstPage.median)} | ${thousands(binned.binEntries)} | ${ms(binned.firstPage.median)} | **${ratio(binned.firstPage.median, empty.firstPage.median)}** |`;
      }),
    ),
  );
  const marking = results.map(
    ({ marking: m }) =>
      `| ${DATABASE_LABELS[m.database]} | ${thousands(m.entries)} | ${m.batchSize} | ${m.seconds.toFixed(1)} | ${thousands(m.batches)} | ${ms(m.slowestBatchMs)} |`,
  );
  const first = results[0]!.search;
  return `## 8. Search costs the same whatever the bin holds

Two drives, each with ${thousands(first.liveEntries)} live files that match: one with an empty bin, one with a
trashed folder of ${thousands(results[0]!.search.cases.find((c) => c.bin !== 'empty')?.binEntries ?? 0)} entries beside them. The first page of a live search through the
core (name contains a word, and an exact name) is timed on both drives in turns, first
before the background marking has covered the trashed folder (search then drops its
entries by the ancestor check, one folder at a time), then after it (search reads only
unmarked rows through partial indexes). Targets: marked, at most 1.5x the empty bin for
name contains, at most 2x for an exact name.

| database | query | bin | empty bin, ms | entries in the bin | with the bin, ms | ratio |
|---|---|---|---:|---:|---:|---:|
${rows.filter((r) => r !== '').join('\n')}

How long search leans on the ancestor check after a big trash: the marking of a trashed
folder, batch after batch as the engine runs it.

| database | entries | batch | seconds | batches | slowest batch, ms |
|---|---:|---:|---:|---:|---:|
${marking.join('\n')}

`;
}

export function renderBinListSection(results: BinListResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map((r) => {
    const salvage = medianOf(r.salvage);
    const trash = r.trashList.length > 0 ? medianOf(r.trashList) : undefined;
    const bare = medianOf(r.bareServer);
    const store = medianOf(r.storeReads);
    const each = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    const over = (x: number) => (trash === undefined ? '-' : `${(trash / x).toFixed(2)}x`);
    return `| ${DATABASE_LABELS[r.database]} | ${thousands(r.items)} | ${salvage.toFixed(2)} | ${each(r.salvage)} | ${trash === undefined ? r.trashListMissing : trash.toFixed(2)} | ${each(r.trashList)} | **${over(salvage)}** | ${bare.toFixed(2)} | ${over(bare)} | ${store.toFixed(2)} | ${over(bare + store)} |`;
  });
  return `## 10. Listing a whole bin next to \`trash-list\`

A bin of ${thousands(results[0]!.items)} items listed in full over HTTP, \`/v2/recyclebin/list\` page after page (limit
${results[0]!.pageSize}, each answer's \`next_marker\` sent back, as a client pages) with one keep-alive client, next to
\`trash-list\` (trash-cli, the freedesktop.org trash) printing as many \`.trashinfo\` items from a
trash directory of its own. ${results[0]!.rounds} rounds, the two taking turns going first; seconds for the
whole listing. Target: Salvage at least 3x faster than \`trash-list\`. Beside them, the floor: the
same client paging through Salvage's own answers, byte for byte, from a bare \`node:http\`
server that only hands them out (moving and parsing the pages, no server work at all); and
the store's part alone: the same pages read by the listing's own repository call, in
process, no HTTP, JSON or core around it. Bare server and store reads together are a floor
under any server that reads its pages from this database.

| database | items | Salvage, median s | each round | trash-list, median s | each round | trash-list / Salvage | bare server, median s | trash-list / bare server | store reads, median s | trash-list / (bare server + store reads) |
|---|---:|---:|---|---:|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

`;
}

const medianOf = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function renderBlobPurgeSection(results: BlobPurgeResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map(
    (r) =>
      `| ${DATABASE_LABELS[r.database]} | ${thousands(r.files)} | ${thousands(medianOf(r.job))} | ${r.job.map(thousands).join(', ')} | ${thousands(medianOf(r.rmRf))} | ${r.rmRf.map(thousands).join(', ')} | **${ratio(medianOf(r.job), medianOf(r.rmRf))}** |`,
  );
  return `## 9. Purging real files next to \`rm -rf\`

A folder of ${thousands(results[0]!.files)} small files (30 to 40 bytes each, in folders of 1,000) with their content on
disk, purged by a delete job, timed from the call that queues it to the job reading
succeeded, by which time every blob file is unlinked (each batch's blobs go after its
commit, up to 32 unlinks in flight, one unlink each). Beside it, \`rm -rf\` of as many files of the
same sizes in the same layout (256 folders, as \`blobs/objects\` keeps them), written
fresh each round. ${results[0]!.rounds} rounds, the two taking turns going first; files per second. Target:
the job at least as fast as \`rm -rf\` (1.00x).

| database | files | job, median | job, each round | rm -rf, median | rm -rf, each round | job / rm -rf |
|---|---:|---:|---|---:|---|---:|
${rows.join('\n')}

`;
}

export function renderBinSearchSection(results: BinSearchResult[]): string {
  if (results.length === 0) return '';
  const rows = results.flatMap((r) =>
    r.cases.map(
      (c, i) =>
        `| ${i === 0 ? DATABASE_LABELS[r.database] : ''} | ${c.filter} | \`${c.query.replace(/\|/g, '\\|')}\` | ${ms(c.small.median)} | ${ms(c.large.median)} | **${ratio(c.large.median, c.small.median)}** |`,
    ),
  );
  const plans = results.flatMap((r) => r.cases.map((c) => `- ${DATABASE_LABELS[r.database]}, ${c.filter}: ${c.plan}`));
  const first = results[0]!;
  return `## 11. The bin's search costs the same at a million items

Two bins seeded straight into the database, of ${thousands(first.smallItems)} and ${thousands(first.largeItems)} items; in each, 100 items
spread evenly are the rare match of every filter but the extension (a fifth of the items
are PDFs). Each bin also holds a folder trashed before every item, with a tenth as many
entries inside it (at least 1,000) as the background marking leaves them, 100 of them named
\`pin-\`: the last two rows search with \`include_descendants\`, the needles among the bin
items and the pins inside the oldest bin item (migration 0022's name index). The first
page (50 items, newest trashed first) of /v2/recyclebin/search_all's query through the
store (\`searchBinRows\`, with SQLite's trigram probe), the two bins taking turns. Target
(issue 14 item 1): at most 2x.

| database | filter | query | ${thousands(first.smallItems)} items, ms | ${thousands(first.largeItems)} items, ms | ratio |
|---|---|---|---:|---:|---:|
${rows.join('\n')}

Plans at ${thousands(first.largeItems)} items:

${plans.join('\n')}
`;
}
