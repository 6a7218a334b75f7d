/**
 * Clean-ups that must also run when the benchmark is stopped with Ctrl-C or a SIGTERM:
 * dropping PostgreSQL schemas and removing data directories. A normal run, or one that
 * fails, cleans up in its finally blocks; a signal would skip them.
 */
const pending = new Set<() => Promise<void>>();

/** Registers `fn` until the returned function is called. */
export function onInterrupt(fn: () => Promise<void>): () => void {
  pending.add(fn);
  return () => pending.delete(fn);
}

export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up ${pending.size} database(s) and data directories ...`);
      void Promise.allSettled([...pending].map((fn) => fn())).then(() => process.exit(130));
    });
  }
}
