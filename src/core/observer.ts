import type { JobType } from './types.js';

/**
 * What the core tells whoever watches it (the Prometheus metrics, api/metrics): called
 * after the fact, once the work committed, and never allowed to fail the work.
 */
export interface CoreObserver {
  /** Work of a job committed: a batch of `count` items (entries purged, bin items restored, ...), or a restore done at once. */
  jobItemsProcessed(type: JobType, count: number): void;
}

export const silentObserver: CoreObserver = { jobItemsProcessed: () => {} };
