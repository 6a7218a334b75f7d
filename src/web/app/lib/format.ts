const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 -> "1.5 KB" (powers of 1024, as file managers show sizes). */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

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
