import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CoreObserver } from '../../core/observer.js';
import type { JobType } from '../../core/types.js';
import type { Db } from '../../store/store.js';
import { binSizes, countJobsByTypeAndState } from '../../store/repositories/metrics.repository.js';

/** Drives labelled in the bin gauges by default; the rest are summed under drive="_other". */
export const DEFAULT_METRICS_DRIVES = 50;

/**
 * Process and Node.js metrics (event-loop lag among them): one set per process, made on
 * first use. Per node, each of the many nodes a test process starts would keep its own
 * event-loop monitor ticking.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Job types whose items are entries purged for good; the others restore or copy. */
const PURGING: ReadonlySet<JobType> = new Set(['delete', 'clear', 'expire', 'delete_all']);
const RESTORING: ReadonlySet<JobType> = new Set(['restore', 'restore_all']);

/**
 * One node's Prometheus metrics (docs/metrics.md), in a registry of its own so that
 * several nodes in one process (the tests) never share counters. Every label set is
 * bounded: dialect and operation come from the route table, never from a raw URL, and at
 * most `maxDrives` drives are labelled.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'dialect' | 'operation' | 'status'>;
  readonly latency: Histogram<'dialect' | 'operation'>;
  private readonly items: Counter<'type'>;
  private readonly purged: Counter;
  private readonly restored: Counter;
  private db: Db | undefined;
  /** The database read in progress: scrapes that come while one runs share it. */
  private reading: Promise<DbFigures> | undefined;

  /** Hands the core's committed work to the counters. */
  readonly observer: CoreObserver = {
    jobItemsProcessed: (type, count) => {
      this.items.inc({ type }, count);
      if (PURGING.has(type)) this.purged.inc(count);
      if (RESTORING.has(type)) this.restored.inc(count);
    },
  };

  constructor(private readonly maxDrives = DEFAULT_METRICS_DRIVES) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'salvage_http_requests_total', help: 'HTTP requests answered, by dialect, operation and status.', labelNames: ['dialect', 'operation', 'status'], registers });
    this.latency = new Histogram({
      name: 'salvage_http_request_duration_seconds',
      help: 'Time from request to answer, by dialect and operation.',
      labelNames: ['dialect', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.items = new Counter({ name: 'salvage_job_items_processed_total', help: 'Items processed by committed job batches on this node, by job type.', labelNames: ['type'], registers });
    this.purged = new Counter({ name: 'salvage_purged_entries_total', help: 'Entries (files and folders) deleted for good by this node.', registers });
    this.restored = new Counter({ name: 'salvage_restored_items_total', help: 'Bin items restored by this node.', registers });
    const figures = () => this.figures();
    new Gauge({
      name: 'salvage_jobs',
      help: 'Jobs in the database, by type and state (all nodes).',
      labelNames: ['type', 'state'],
      registers,
      async collect() {
        const f = await figures();
        this.reset();
        for (const j of f?.jobs ?? []) this.set({ type: j.type, state: j.state }, j.count);
      },
    });
    new Gauge({
      name: 'salvage_bin_bytes',
      help: 'Bytes in each drive\'s recycle bin; drives past the labelled ones are summed as drive="_other".',
      labelNames: ['drive'],
      registers,
      async collect() {
        const f = await figures();
        this.reset();
        if (!f) return;
        for (const d of f.bins.drives) this.set({ drive: d.driveId }, d.bytes);
        this.set({ drive: '_other' }, f.bins.otherBytes);
      },
    });
    new Gauge({
      name: 'salvage_bin_items',
      help: 'Items (trash roots) in the recycle bin of each labelled drive.',
      labelNames: ['drive'],
      registers,
      async collect() {
        const f = await figures();
        this.reset();
        for (const d of f?.bins.drives ?? []) this.set({ drive: d.driveId }, d.items);
      },
    });
  }

  /** The text GET /metrics answers: the process's metrics, then this node's. */
  async text(): Promise<string> {
    return `${await processMetrics().metrics()}\n${await this.registry.metrics()}`;
  }

  /** The database the gauges read (set once the store is open). */
  readFrom(db: Db): void {
    this.db = db;
  }

  private figures(): Promise<DbFigures | undefined> {
    const db = this.db;
    if (!db) return Promise.resolve(undefined);
    this.reading ??= Promise.all([countJobsByTypeAndState(db), binSizes(db, this.maxDrives)])
      .then(([jobs, bins]) => ({ jobs, bins }))
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}

interface DbFigures {
  jobs: Awaited<ReturnType<typeof countJobsByTypeAndState>>;
  bins: Awaited<ReturnType<typeof binSizes>>;
}
