import { useCallback, useEffect, useRef, useState } from 'react';
import type { PdsPage } from '../api/types.js';
import { describeError } from './errors.js';

/**
 * One page at a time of a PDS marker list. The markers of the pages seen so far are kept
 * on a stack, so "previous" is one request too; nothing but the current page is held or
 * rendered, whatever the size of the folder.
 */
export function useMarkerPages<T>(fetchPage: (marker: string) => Promise<PdsPage<T>>, deps: unknown[]) {
  const [markers, setMarkers] = useState<string[]>(['']);
  const [page, setPage] = useState<PdsPage<T>>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  // Only the last request's answer is shown: a search typed on must not be overwritten by
  // the slower answer to what was typed before.
  const latest = useRef(0);
  const marker = markers[markers.length - 1] ?? '';

  const load = useCallback(async (m: string) => {
    const mine = ++latest.current;
    setLoading(true);
    try {
      const answer = await fetchRef.current(m);
      if (mine !== latest.current) return;
      setPage(answer);
      setError(undefined);
    } catch (err) {
      if (mine === latest.current) setError(describeError(err));
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  }, []);

  // A change of folder or order starts again from the first page.
  useEffect(() => {
    setMarkers(['']);
    void load('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return {
    items: page?.items ?? [],
    loaded: page !== undefined,
    error,
    loading,
    pageNumber: markers.length,
    hasPrev: markers.length > 1,
    hasNext: Boolean(page?.next_marker),
    next: () => {
      if (!page?.next_marker) return;
      const m = page.next_marker;
      setMarkers((s) => [...s, m]);
      void load(m);
    },
    prev: () => {
      if (markers.length < 2) return;
      const m = markers[markers.length - 2] ?? '';
      setMarkers((s) => s.slice(0, -1));
      void load(m);
    },
    reload: () => load(marker),
  };
}
