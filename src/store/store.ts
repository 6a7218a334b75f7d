import type { Kysely, Transaction } from 'kysely';
import type { Drive } from '../core/types.js';
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
  /**
   * Data-modifying statements in WITH (`with d as (delete ... returning ...) update ...`):
   * a purge batch is one statement, one round trip (PostgreSQL). Without them it is a few
   * statements, which costs little where a statement is a function call (SQLite).
   */
  writableCtes: boolean;
  /**
   * Name substrings of bin rows are indexed in a separate FTS5 trigram table that queries
   * join (SQLite), not by an index on entries that the planner picks by itself (pg_trgm).
   */
  trigramTable: boolean;
  /**
   * `cross join` makes the planner loop over its left side first (SQLite, which keeps no
   * statistics to find the better order itself); PostgreSQL reads it as a join without a
   * condition, so there the queries say `join` and its planner chooses.
   */
  crossJoinOrders: boolean;
}

declare const heldLock: unique symbol;

/**
 * A write transaction on one drive that already holds the drive's lock. Only
 * `Store.writeDrive` makes one, and every repository function that writes a drive's
 * entries, bin, jobs or counters takes one: a write without the lock does not type-check.
 * There is one lock order: the drive row first, then whatever the work touches.
 */
export interface DriveTx {
  readonly [heldLock]: true;
  readonly tx: Transaction<Database>;
  readonly driveId: string;
  /** The drive row as it was when the lock was taken; undefined if there is none (yet). */
  readonly drive: Drive | undefined;
  readonly capabilities: StoreCapabilities;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly capabilities: StoreCapabilities;
  /**
   * Runs `fn` in one write transaction that has first locked drive `driveId` (a row lock
   * on PostgreSQL; SQLite's single writer serialises every transaction already).
   */
  writeDrive<T>(driveId: string, fn: (w: DriveTx) => Promise<T>): Promise<T>;
  /**
   * A write transaction for what belongs to no drive (users, credentials, sessions,
   * settings, upload records). It cannot write entries, bins or jobs: those need a DriveTx.
   */
  transaction<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** An open write transaction. */
export type Tx = Transaction<Database>;
