import { escapeControls, printLine, safeJson } from './escape.js';
/** Human output helpers; `--json` skips all of them. */

export { formatBytes } from '../../shared/format-bytes.js';

/** `1 entry`, `3 entries`. */
export const entries = (n: number): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** Local time to the minute: what a person scanning a listing needs. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Columns padded to their widest cell; the last column is not padded (names may be long). */
export function table(header: string[], rows: string[][]): string {
  // Cells are escaped before they are measured: a name never prints a control raw.
  const all = [header, ...rows.map((r) => r.map(escapeControls))];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '))
    .join('\n');
}

/** What every listing command prints: a table, or the raw items for scripts. */
export function printList<T>(items: T[], json: boolean | undefined, header: string[], row: (item: T) => string[], empty: string): void {
  if (json) process.stdout.write(`${safeJson(items)}\n`);
  else if (items.length === 0) printLine(empty);
  else process.stdout.write(`${table(header, items.map(row))}\n`);
}

/**
 * The order a person expects: `file2` before `file10`, case and accents ignored at first
 * (ties then broken by code points, so the order is total and stable).
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const naturalOrder = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
