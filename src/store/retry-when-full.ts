import type { Store } from './store.js';

/**
 * A store whose write transactions, when the disk is full, are tried once more after
 * `release` gave some room back (see blobs/disk-reserve.ts). A transaction that failed was
 * rolled back whole, so running it again is safe. Statements outside a transaction are
 * not retried; they fail as they are.
 */
export function retryWhenFull(store: Store, disk: { isFull: (err: unknown) => boolean; release: () => Promise<boolean> }): Store {
  const again = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (disk.isFull(err) && (await disk.release())) return run();
      throw err;
    }
  };
  return {
    ...store,
    writeDrive: (driveId, fn) => again(() => store.writeDrive(driveId, fn)),
    transaction: (fn) => again(() => store.transaction(fn)),
  };
}
