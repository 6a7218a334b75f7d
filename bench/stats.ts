export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples: p95 of 30 samples is the 29th. */
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

export const ms = (x: number): string => x.toFixed(2);
/** Decimal megabytes, the unit of the 300 MB target. */
export const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);
export const thousands = (x: number): string => Math.round(x).toLocaleString('en-US');
