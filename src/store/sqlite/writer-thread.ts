import { Worker } from 'node:worker_threads';

export interface WriteResult {
  rows: unknown[];
  changes?: number;
  lastInsertRowid?: number | bigint;
}

type Message = { sql: string; parameters: readonly unknown[] } | { control: 'begin' | 'commit' | 'rollback' };

interface Pending {
  resolve(result: WriteResult): void;
  reject(err: Error): void;
}

/** An error from the writer's connection, with better-sqlite3's code (e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class SqliteWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

/**
 * The worker thread that owns this process's one writing connection to a SQLite file
 * (write-worker.mjs). Statements go over as messages and are run in the order sent.
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(file: string, statementCacheSize: number) {
    // Beside this module in src/ and dist/store/sqlite/; the build copies it beside the
    // bundle's server chunk too (dist/chunks/write-worker.mjs), whose modules share its URL.
    this.worker = new Worker(new URL('./write-worker.mjs', import.meta.url), { workerData: { file, statementCacheSize } });
    this.worker.on('message', (m: { id: number; result?: WriteResult; error?: { message: string; code?: string } }) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.error) waiting.reject(new SqliteWriteError(m.error.message, m.error.code));
      else waiting.resolve(m.result!);
    });
    // A dead writer fails what waits on it and everything after: the store is unusable, and
    // the node's requests answer with errors rather than hang.
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.exited.then(() => fail(new Error('the SQLite writer thread has stopped')));
  }

  run(message: Message): Promise<WriteResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  /** Closes the connection once what was sent before has run, and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) this.worker.postMessage({ close: true });
    await this.exited;
  }
}
