import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAtStart: number;
}

/** The 1-minute load average, for the report (0 where the OS has none). */
export const loadNow = (): number => Math.round(loadavg()[0]! * 100) / 100;

/** What the numbers were measured on; `cpus` is what `nproc` reports (affinity-aware). */
export function machineInfo(): Machine {
  let cpuModel = 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1]!.trim();
  } catch {
    // Not Linux: the model stays unknown, the rest is still meaningful.
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
    loadAtStart: loadNow(),
  };
}
