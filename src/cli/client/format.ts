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
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '))
    .join('\n');
}

/** What every listing command prints: a table, or the raw items for scripts. */
export function printList<T>(items: T[], json: boolean | undefined, header: string[], row: (item: T) => string[], empty: string): void {
  if (json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
  else if (items.length === 0) process.stdout.write(`${empty}\n`);
  else process.stdout.write(`${table(header, items.map(row))}\n`);
}
