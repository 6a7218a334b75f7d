import { useEffect, useRef } from 'react';

/**
 * Calls `tick` now and then every `everyMs` while mounted, never two at once (a slow
 * answer delays the next call rather than piling calls up). Pauses while the tab is hidden.
 */
export function usePoll(tick: () => Promise<void>, everyMs: number, deps: unknown[]): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      if (stopped) return;
      if (!document.hidden) {
        try {
          await latest.current();
        } catch {
          // The tick shows its own errors; polling goes on.
        }
      }
      if (!stopped) timer = setTimeout(loop, everyMs);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
