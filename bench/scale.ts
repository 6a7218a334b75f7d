/**
 * How big each benchmark runs. `--quick` is a smoke run (tens of seconds) to check that
 * the benchmarks work; only the full scale answers the questions of issue 2 item 7.
 */
export interface Scale {
  name: 'quick' | 'full';
  /** Entries below the big folder that is trashed and restored (the small one holds 1). */
  trashEntries: number;
  /** Timed trash + restore rounds per folder, after `warmup` untimed ones. */
  repetitions: number;
  warmup: number;
  /** Entries purged by the job, and again by plain batched SQL, for throughput. */
  purgeEntries: number;
  /** Rounds of that comparison; the methods take turns going first. */
  purgeRounds: number;
  /** Entries purged in the child process whose peak memory is measured. */
  memoryEntries: number;
  /** Request benchmark: concurrent clients, and per operation an untimed then a timed window. */
  requestClients: number;
  requestWarmupMs: number;
  requestDurationMs: number;
  /** Files in the folder that is listed and read. */
  requestFolderEntries: number;
  /** Children of the folder, and items of the bin, that are paged at depth. */
  pageEntries: number;
  /** Entries of the folder purged while requests are timed. */
  latencyPurgeEntries: number;
  /** Real files purged by a job, and removed again by `rm -rf` (issue 10 item 3). */
  blobPurgeFiles: number;
  blobPurgeRounds: number;
  /**
   * Request cost: rounds of hello-world, async_task/get and file/get taking turns, each an
   * untimed then a timed window (`requestClients` clients).
   */
  costRounds: number;
  costWarmupMs: number;
  costWindowMs: number;
  /** Search: live files that match, and entries in the bin (one trashed folder) beside them. */
  searchLiveEntries: number;
  searchBinEntries: number;
  /** Items of a bin listed in full over HTTP, and as many `.trashinfo` files for trash-list. */
  binListEntries: number;
  binListRounds: number;
  /** Bin items of the large bin searched (issue 14); the small one holds 1,000. */
  binSearchEntries: number;
  /** WebDAV throughput (issue 17): bytes of the file PUT and GET, and rounds. */
  davBytes: number;
  davRounds: number;
}

export const scales: Record<Scale['name'], Scale> = {
  quick: { name: 'quick', trashEntries: 10_000, repetitions: 10, warmup: 2, purgeEntries: 10_000, purgeRounds: 2, memoryEntries: 20_000,
    requestClients: 8, requestWarmupMs: 300, requestDurationMs: 1000, requestFolderEntries: 10_000, pageEntries: 20_000, latencyPurgeEntries: 50_000, blobPurgeFiles: 2_000, blobPurgeRounds: 2,
    costRounds: 2, costWarmupMs: 300, costWindowMs: 1000, searchLiveEntries: 1000, searchBinEntries: 20_000,
    binListEntries: 10_000, binListRounds: 2, binSearchEntries: 20_000, davBytes: 64 * 1024 ** 2, davRounds: 2 },
  full: { name: 'full', trashEntries: 100_000, repetitions: 30, warmup: 3, purgeEntries: 100_000, purgeRounds: 3, memoryEntries: 1_000_000,
    requestClients: 8, requestWarmupMs: 1000, requestDurationMs: 6000, requestFolderEntries: 10_000, pageEntries: 1_000_000, latencyPurgeEntries: 1_000_000, blobPurgeFiles: 20_000, blobPurgeRounds: 3,
    costRounds: 8, costWarmupMs: 300, costWindowMs: 1500, searchLiveEntries: 1000, searchBinEntries: 1_000_000,
    binListEntries: 100_000, binListRounds: 3, binSearchEntries: 1_000_000, davBytes: 1024 ** 3, davRounds: 3 },
};

export interface BenchArgs {
  scale: Scale;
  /** Where the report goes; the full run writes BENCHMARKS.md unless told otherwise. */
  out: string | undefined;
  /** A line added to the report, e.g. that the machine was shared. */
  note: string | undefined;
  /**
   * `--only <section>`: that section alone (e.g. purge: 2 and 3, purge memory and
   * throughput), printed and written only with `--out`, to be set into BENCHMARKS.md by hand.
   */
  only: OnlySection | undefined;
  /** `--database sqlite|postgres`: that database alone (to measure one side again without the other's hour). */
  database: 'sqlite' | 'postgres' | undefined;
}

/** Sections `--only` runs alone: purge (2 and 3), pages (5), latency (6), cost (7), search (8), blobs (9), binlist (10), binsearch (11), dav (12, WebDAV throughput), start (13, start-up). */
export type OnlySection = 'purge' | 'pages' | 'latency' | 'cost' | 'search' | 'blobs' | 'binlist' | 'binsearch' | 'dav' | 'start';
const ONLY: readonly OnlySection[] = ['purge', 'pages', 'latency', 'cost', 'search', 'blobs', 'binlist', 'binsearch', 'dav', 'start'];

export function parseArgs(argv: string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const only = argv.includes('--only') ? valueOfOnly(argv) : undefined;
  const valueOf = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    scale: quick ? scales.quick : scales.full,
    // A smoke run must not overwrite the committed full results by accident.
    out: valueOf('--out') ?? (quick || only ? undefined : 'BENCHMARKS.md'),
    note: valueOf('--note'),
    only,
    database: valueOfDatabase(valueOf('--database')),
  };
}

function valueOfDatabase(value: string | undefined): 'sqlite' | 'postgres' | undefined {
  if (value === undefined || value === 'sqlite' || value === 'postgres') return value;
  throw new Error(`--database takes sqlite or postgres, not ${value}`);
}

function valueOfOnly(argv: string[]): OnlySection {
  const value = argv[argv.indexOf('--only') + 1];
  if (!ONLY.includes(value as OnlySection)) throw new Error(`--only takes one of ${ONLY.join(', ')}, not ${value}`);
  return value as OnlySection;
}
