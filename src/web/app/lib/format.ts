// One size convention with the CLI (KiB, MiB: powers of 1024).
export { formatBytes } from '../../../shared/format-bytes.js';

/** An ISO time (drives, files, jobs) or milliseconds since the epoch (users, access keys). */
export const formatDate = (at: string | number | null | undefined): string =>
  at === null || at === undefined || at === '' ? '—' : new Date(at).toLocaleString();

/** Whole days left before retention purges an item, rounded up ("less than a day" reads as 1). */
export function daysLeft(sec: number | null | undefined): string {
  if (sec === null || sec === undefined) return 'Never (bin off)';
  if (sec <= 0) return 'Expiring now';
  const days = Math.ceil(sec / 86_400);
  return days === 1 ? '1 day' : `${days} days`;
}

/** A folder path for display: '' and '/' are the drive's root. */
export const displayPath = (path: string | undefined): string => (!path || path === '/' ? '/ (root)' : path);

/** The folder an item's original path is in: `/a/b/c.txt` -> `/a/b`. */
export function folderOf(path: string | undefined): string {
  if (!path) return '/';
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** "5 minutes ago", "yesterday", "in 3 days": how far `at` is from `now`, in the largest whole unit. */
export function relativeTime(at: string | number, now = Date.now()): string {
  let amount = (new Date(at).getTime() - now) / 1000;
  if (Math.abs(amount) < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return RELATIVE.format(Math.round(amount), unit);
    amount /= size;
  }
  return RELATIVE.format(Math.round(amount), 'year');
}
