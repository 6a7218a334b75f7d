import { formatDate, relativeTime } from '../lib/format.js';

/** "3 hours ago", with the exact local time on hover (title) and for machines (datetime). */
export function RelativeTime({ at }: { at: string | number | null | undefined }) {
  if (at === null || at === undefined || at === '') return <>—</>;
  const exact = formatDate(at);
  return (
    <time dateTime={new Date(at).toISOString()} title={exact}>
      {relativeTime(at)}
    </time>
  );
}
