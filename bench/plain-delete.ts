import { sql } from 'kysely';
import type { Store } from '../src/store/store.js';

export interface PlainDeleteRange {
  driveId: string;
  /** Seeded ids start with `idPrefix`; nothing else in the drive has an id in [idPrefix, idPrefixEnd). */
  idPrefix: string;
  idPrefixEnd: string;
  firstRowid: number;
  lastRowid: number;
}

/**
 * How rows are picked for each batch:
 * - 'storage': rowid order, which is the seed's depth-first order, so a batch is mostly
 *   siblings and touches few pages of every index: the floor for deleting these rows.
 * - 'id': primary-key order; ids are random, so every batch lands all over the
 *   parent-keyed indexes: what a delete that ignores the tree costs.
 */
export type PlainDeleteOrder = 'storage' | 'id';

/**
 * Deletes the seeded rows with plain SQL, `batchSize` rows per transaction, on the store's
 * own connection; returns how many went. No counters, no job, no blob bookkeeping.
 */
export async function plainDelete(store: Store, range: PlainDeleteRange, order: PlainDeleteOrder, batchSize: number): Promise<number> {
  const { driveId, idPrefix, idPrefixEnd, firstRowid, lastRowid } = range;
  const batch =
    order === 'storage'
      ? // The rowid range alone: the seed checked that it holds exactly its rows. Adding the
        // id range made SQLite pick the id index and sort every remaining row per batch.
        sql`select rowid from entries where rowid between ${firstRowid} and ${lastRowid} order by rowid limit ${batchSize}`
      : sql`select rowid from entries
            where drive_id = ${driveId} and id >= ${idPrefix} and id < ${idPrefixEnd}
            order by id limit ${batchSize}`;
  let deleted = 0;
  for (;;) {
    const result = await store.transaction((tx) => sql`delete from entries where rowid in (${batch})`.execute(tx));
    const n = Number(result.numAffectedRows ?? 0);
    if (n === 0) return deleted;
    deleted += n;
  }
}
