import { useCallback, useEffect, useRef, useState } from 'react';
import { pds } from '../../api/pds.js';
import type { PdsFile } from '../../api/types.js';
import { describeError } from '../../lib/errors.js';

const PAGE = 100;
/** A name filter reads further pages by itself until it has this many matches... */
const FILTER_TARGET = 50;
/** ...or has read this many items; "Load more" goes on from there. */
const FILTER_SCAN_CAP = 5_000;

/**
 * The bin's items, newest trashed first (or a trashed folder's children, by name), a page at a
 * time with "Load more". PDS has no name search inside the bin (SearchFile sees only live
 * files), so the name filter is applied here, reading further pages as needed.
 */
export function useBinList(driveId: string, folderId: string | undefined, filter: string) {
  const [items, setItems] = useState<PdsFile[]>([]);
  const [marker, setMarker] = useState<string | undefined>('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const loadingRef = useRef(false);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (m: string) => (folderId ? pds.listInsideBin(driveId, folderId, m, PAGE) : pds.listBin(driveId, m, PAGE)),
    [driveId, folderId],
  );

  const loadMore = useCallback(
    async (from: string | undefined, replace = false) => {
      if (from === undefined || loadingRef.current) return;
      loadingRef.current = true;
      setLoading(true);
      const gen = generation.current;
      try {
        const page = await fetchPage(from);
        if (gen !== generation.current) return;
        setItems((old) => (replace ? page.items : [...old, ...page.items]));
        setMarker(page.next_marker || undefined);
        setError(undefined);
      } catch (err) {
        setError(describeError(err));
      } finally {
        loadingRef.current = false;
        setLoading(false);
      }
    },
    [fetchPage],
  );

  const reload = useCallback(async () => {
    generation.current += 1;
    loadingRef.current = false;
    await loadMore('', true);
  }, [loadMore]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const needle = filter.trim().toLowerCase();
  const shown = needle ? items.filter((f) => f.name.toLowerCase().includes(needle)) : items;

  useEffect(() => {
    if (needle && shown.length < FILTER_TARGET && marker !== undefined && !loading && items.length < FILTER_SCAN_CAP) {
      void loadMore(marker);
    }
  }, [needle, shown.length, marker, loading, items.length, loadMore]);

  return { items: shown, total: items.length, hasMore: marker !== undefined, loading, error, loadMore: () => loadMore(marker), reload };
}
