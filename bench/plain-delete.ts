import { sql } from 'kysely';
import type { Store } from '../src/store/store.js';

/** Where the seeded rows sit, as each database lets a delete find them in insertion order. */
export type StorageOrder =
  /** SQLite: the rowids, consecutive. */
  | { kind: 'rowids'; first: number; last: number }
  /** PostgreSQL (no stable rowid): the ids as they were inserted. */
  | { kind: 'ids'; ids: string[] };

export interface PlainDeleteRange {
  driveId: string;
  /** Seeded ids start with `idPrefix`; nothing else in the drive has an id in [idPrefix, idPrefixEnd). */
  idPrefix: string;
  idPrefixEnd: string;
  storage: StorageOrder;
}

/**
 * How rows are picked for each batch:
 * - 'storage': insertion order, which is the seed's depth-first order, so a batch is mostly
 *   siblings and touches few pages of the table and of every index: the floor for
 *   deleting these rows. On SQLite by rowid; on PostgreSQL by the list of seeded ids, 500
 *   primary-key lookups a batch (its rows sit in insertion order in the heap).
 * - 'id': primary-key order; ids are random, so every batch lands all over the
 *   parent-keyed indexes: what a delete that ignores the tree costs.
 */
export type PlainDeleteOrder = 'storage' | 'id';

/**
 * Deletes the seeded rows with plain SQL, `batchSize` rows per transaction, on the store's
 * own connection; returns how many went. No counters, no job, no blob bookkeeping.
 */
export async function plainDelete(store: Store, range: PlainDeleteRange, order: PlainDeleteOrder, batchSize: number): Promise<number> {
  const { driveId, idPrefix, idPrefixEnd, storage } = range;
  if (order === 'storage' && storage.kind === 'ids') {
    let deleted = 0;
    for (let i = 0; i < storage.ids.length; i += batchSize) {
      const batch = storage.ids.slice(i, i + batchSize);
      const result = await store.transaction((tx) => tx.deleteFrom('entries').where('drive_id', '=', driveId).where('id', 'in', batch).executeTakeFirst());
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  }
  const idRange = sql`select id from entries where drive_id = ${driveId} and id >= ${idPrefix} and id < ${idPrefixEnd} order by id limit ${batchSize}`;
  const statement =
    storage.kind === 'ids'
      ? // PostgreSQL has no stable rowid: the same batches by primary key.
        sql`delete from entries where drive_id = ${driveId} and id in (${idRange})`
      : order === 'storage'
        ? // The rowid range alone: the seed checked that it holds exactly its rows. Adding the
          // id range made SQLite pick the id index and sort every remaining row per batch.
          sql`delete from entries where rowid in (
                select rowid from entries where rowid between ${storage.first} and ${storage.last} order by rowid limit ${batchSize})`
        : sql`delete from entries where rowid in (
                select rowid from entries where drive_id = ${driveId} and id >= ${idPrefix} and id < ${idPrefixEnd}
                order by id limit ${batchSize})`;
  let deleted = 0;
  for (;;) {
    const result = await store.transaction((tx) => statement.execute(tx));
    const n = Number(result.numAffectedRows ?? 0);
    if (n === 0) return deleted;
    deleted += n;
  }
}
