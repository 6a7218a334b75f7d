import { useState } from 'react';
import { jobsApi } from '../api/jobs.js';
import { usePoll } from '../lib/use-poll.js';
import { STATE_FILTERS } from '../lib/job-words.js';

/** Counts change slowly next to a job's bar: every 5 s is enough, and costs 4 small requests. */
const COUNTS_MS = 5000;

/**
 * How many jobs are in each state ("2 waiting or running · 14 done · 1 failed"), each a
 * button that filters the list to it. Read from /v1/jobs's totalCount, one page of one job
 * per state, so it costs the same however many jobs there are.
 */
export function JobCounts({ onPick }: { onPick: (state: string) => void }) {
  const [counts, setCounts] = useState<number[]>();
  const states = STATE_FILTERS.filter((s) => s.value);
  usePoll(
    async () => {
      const pages = await Promise.all(states.map((s) => jobsApi.list({ page: 1, state: s.value, pageSize: 1 })));
      setCounts(pages.map((p) => p.totalCount));
    },
    COUNTS_MS,
    [],
  );
  if (!counts) return null;
  return (
    <p className="job-counts" aria-label="Jobs by state">
      {states.map((s, i) => (
        <button key={s.value} type="button" className="link-button" onClick={() => onPick(s.value)}>
          {(counts[i] ?? 0).toLocaleString()} {s.counted}
        </button>
      ))}
    </p>
  );
}
