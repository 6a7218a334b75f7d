import { readFileSync } from 'node:fs';
import { startBenchNode, waitForJob } from './bench-node.js';

/**
 * Runs in a process of its own so that its peak RSS is the purge's and not the seeding's:
 * starts a node over the seeded data directory, deletes the folder through the core, and
 * prints one JSON line with the measurements.
 *
 * argv: <dataDir> <driveId> <folderId>
 */
export interface PurgeMemoryReport {
  entries: number;
  seconds: number;
  rssBeforeBytes: number;
  /** Highest RSS sampled (every 20 ms) from process start until the purge was asked. */
  startupPeakRssBytes: number;
  /** Highest RSS sampled (every 20 ms) from the delete call until the job succeeded. */
  purgePeakRssBytes: number;
  /**
   * `process.resourceUsage().maxRSS`: the kernel's high-water mark for the process. On
   * Linux it starts at the parent's RSS at spawn time (the forked image counts).
   */
  maxRssBytes: number;
  /** VmHWM from /proc/self/status: the high-water mark of this program's own memory since exec. */
  vmHwmBytes: number | null;
}

/** VmHWM, or null off Linux. */
function vmHwm(): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

const SAMPLE_MS = 20;

/** Peak RSS per phase, so a start-up spike is not mistaken for the purge's. */
function rssSampler() {
  const peaks = { startup: 0, purge: 0 };
  let phase: keyof typeof peaks = 'startup';
  const sample = () => (peaks[phase] = Math.max(peaks[phase], process.memoryUsage().rss));
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    peaks,
    enter(next: keyof typeof peaks) {
      sample();
      phase = next;
      sample();
    },
    stop() {
      sample();
      clearInterval(timer);
    },
  };
}

async function main(): Promise<void> {
  const sampler = rssSampler();
  const [dataDir, driveId, folderId] = process.argv.slice(2);
  if (!dataDir || !driveId || !folderId) throw new Error('usage: purge-memory-child <dataDir> <driveId> <folderId>');
  const node = await startBenchNode(dataDir);
  try {
    const { salvage, actor } = node;
    const rssBeforeBytes = process.memoryUsage().rss;
    sampler.enter('purge');
    const t0 = performance.now();
    const job = await salvage.bin.delete(actor, { driveId, fileId: folderId, policy: 'queue', binOnly: false });
    const { processed } = await waitForJob(node, job.id, 50);
    const seconds = (performance.now() - t0) / 1000;
    sampler.stop();
    const report: PurgeMemoryReport = {
      entries: processed,
      seconds,
      rssBeforeBytes,
      startupPeakRssBytes: sampler.peaks.startup,
      purgePeakRssBytes: sampler.peaks.purge,
      // resourceUsage().maxRSS is in kilobytes.
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      vmHwmBytes: vmHwm(),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await node.close();
  }
}

await main();
