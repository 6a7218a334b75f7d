import { SingleBar } from 'cli-progress';
import { formatBytes } from './format.js';
import { escapeControls } from './escape.js';

/** Something that shows how far a transfer or a job has got. */
export interface Progress {
  update(value: number, total: number): void;
  stop(): void;
}

/**
 * Bars only for a person at a terminal: when stdout is piped or captured (scripts, tests)
 * the output stays plain lines. Bars draw on stderr so stdout carries only results.
 */
export const interactive = (): boolean => Boolean(process.stdout.isTTY && process.stderr.isTTY);

export type ProgressUnit = 'bytes' | 'entries';

export function progressBar(label: string, unit: ProgressUnit): Progress {
  if (!interactive()) return { update() {}, stop() {} };
  const bar = new SingleBar({
    format: `${escapeControls(label)} [{bar}] {percentage}% | {value}/{total}`,
    hideCursor: true,
    clearOnComplete: false,
    formatValue: (v, _options, type) => (unit === 'bytes' && (type === 'value' || type === 'total') ? formatBytes(v) : String(v)),
  });
  let started = false;
  return {
    update(value, total) {
      // A queued job reports 0 of 0 until it starts; a bar of 0 would read as finished.
      const shownTotal = Math.max(total, 1, value);
      if (!started) {
        bar.start(shownTotal, value);
        started = true;
      } else {
        bar.setTotal(shownTotal);
        bar.update(value);
      }
    },
    // Safe to call more than once: error paths stop the bar before they report.
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
