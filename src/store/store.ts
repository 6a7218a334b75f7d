import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A query handle: the whole database or one open transaction. */
export type Db = Kysely<Database> | Transaction<Database>;

/**
 * What differs between databases, declared once so the query layer stays one piece
 * (as Kysely's adapters declare `supportsReturning`).
 */
export interface StoreCapabilities {
  /** `FOR UPDATE SKIP LOCKED` exists: job claims and drive locks use it. */
  rowLocks: boolean;
  /**
   * Only one process can use this database (SQLite): jobs marked running at start were
   * left by this node's previous life and are taken back at once, not after their lease.
   */
  singleProcess: boolean;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly capabilities: StoreCapabilities;
  /** Runs `fn` in one write transaction; everything in it commits or rolls back together. */
  transaction<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** An open write transaction. */
export type Tx = Transaction<Database>;
