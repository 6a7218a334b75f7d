import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newBlobId } from '../core/ids.js';

/** Contents are the users' files: only the server's own user may list or read them. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Unlinks in flight at once in `deleteMany`: enough to keep the disk and libuv's pool busy. */
const DELETE_CONCURRENCY = 32;

/** Unlinks `path`; false when there was nothing there. */
async function unlinkIfThere(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Raised when a write would pass `maxBytes`; the partial file is removed. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`content exceeds ${limit} bytes`);
  }
}

/** What a sweep did; see LocalBlobStore.sweep. */
export interface SweepResult {
  /** Staged files of dead writers, and published files nothing references, removed. */
  removed: number;
  /** Staged files whose entry had committed (a writer died before publishing), published. */
  published: number;
}

/** Longest a staged blob is kept from sweeps without being published or discarded. */
const MAX_HOLD_MS = 24 * 3600_000;

/** Ids per reference check of a sweep: one bound `in (...)` list, well under any parameter limit. */
const SWEEP_BATCH = 500;

export interface StagedBlob {
  blobId: string;
  size: number;
  /** SHA-1 of the content, upper-case hex, as PDS reports content_hash. */
  sha1: string;
}

/**
 * File contents on local disk. A write streams into `tmp/<id>` (never the whole file in
 * memory); the entry that references it is committed to the database first, and only then
 * is the file renamed into `objects/`. After a crash, `recover` finishes or removes what
 * was in flight, so no content is visible half-written, orphaned, or missing.
 */
export class LocalBlobStore {
  private readonly tmpDir: string;
  private readonly objectsDir: string;
  /** Writes in progress, so a shutdown can wait for their temp files to be settled. */
  private readonly writing = new Set<Promise<unknown>>();
  /**
   * Staged blobs of this process from the first byte until published or discarded: a sweep
   * here never touches them, and the heartbeat keeps their files fresh for other nodes'.
   */
  private readonly held = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  /**
   * `heartbeatMs`: how often the files of held blobs are touched, so that a sweep on any
   * node (which removes staged files untouched for its `staleMs`) sees a live writer's
   * file as fresh even while its client sends nothing. Keep it well under `staleMs`.
   * `admit`: see DiskReserve.admitContent.
   */
  constructor(
    private readonly root: string,
    private readonly options: {
      heartbeatMs?: number;
      /** Asked before any new content is written; throws (ENOSPC) when the disk may not take it. */
      admit?: () => Promise<void>;
    } = {},
  ) {
    this.tmpDir = join(root, 'tmp');
    this.objectsDir = join(root, 'objects');
  }

  /**
   * Makes the directories (0700) and brings what an earlier version left to 0700 and 0600
   * (it followed the umask: 0755 and 0644). A directory already 0700 was made by this
   * version, whose files are all 0600, so its files are not read: after the first start a
   * restart costs a stat per shard, not per blob.
   */
  async init(): Promise<void> {
    for (const dir of [this.root, this.tmpDir, this.objectsDir]) {
      await mkdir(dir, { recursive: true, mode: DIR_MODE });
    }
    await this.makePrivate(this.root, []);
    await this.makePrivate(this.tmpDir, await readdir(this.tmpDir));
    await this.makePrivate(this.objectsDir, []);
    for (const shard of await readdir(this.objectsDir)) {
      const dir = join(this.objectsDir, shard);
      await this.makePrivate(dir, () => readdir(dir));
    }
  }

  /** chmod 0700 on `dir` if it is open to others, and then 0600 on its `files`. */
  private async makePrivate(dir: string, files: string[] | (() => Promise<string[]>)): Promise<void> {
    if (((await stat(dir)).mode & 0o777) === DIR_MODE) return;
    await chmod(dir, DIR_MODE);
    for (const name of typeof files === 'function' ? await files() : files) {
      await chmod(join(dir, name), FILE_MODE).catch(() => undefined);
    }
  }

  /** Streams `source` into a staged blob; at most `maxBytes` bytes (-1: no limit). */
  stage(source: Readable, maxBytes = -1): Promise<StagedBlob> {
    const blobId = newBlobId();
    this.hold(blobId);
    const admit = this.options.admit;
    const write = admit ? admit().then(() => this.write(blobId, source, maxBytes)) : this.write(blobId, source, maxBytes);
    this.writing.add(write);
    const forget = () => this.writing.delete(write);
    write.then(forget, () => {
      forget();
      this.release(blobId);
    });
    return write;
  }

  private hold(blobId: string): void {
    this.held.set(blobId, Date.now());
    if (this.heartbeat || !this.options.heartbeatMs) return;
    this.heartbeat = setInterval(() => void this.touchHeld(), this.options.heartbeatMs);
    // Nothing to keep fresh is no reason to keep the process alive.
    this.heartbeat.unref();
  }

  private isHeld(blobId: string): boolean {
    const since = this.held.get(blobId);
    return since !== undefined && Date.now() - since <= MAX_HOLD_MS;
  }

  private release(blobId: string): void {
    this.held.delete(blobId);
    if (this.held.size > 0 || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private async touchHeld(): Promise<void> {
    const now = new Date();
    // A file already published or discarded is simply not there: nothing to do. A blob held
    // for a day was forgotten by a failed caller, not written: it is let go, for a sweep.
    for (const [id, since] of this.held) if (now.getTime() - since > MAX_HOLD_MS) this.release(id);
    await Promise.all([...this.held.keys()].map((id) => utimes(this.tmpPath(id), now, now).catch(() => undefined)));
  }

  /**
   * Resolves once every write in progress has ended, its temp file kept for a commit or
   * removed. At shutdown, after the server cut its connections, a cut-off upload is still
   * removing its file: closing before it would leave the file to the next start's recover.
   */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
  }

  private async write(blobId: string, source: Readable, maxBytes: number): Promise<StagedBlob> {
    const path = this.tmpPath(blobId);
    const hash = createHash('sha1');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (maxBytes >= 0 && size > maxBytes) return done(new BlobTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = createWriteStream(path, { flags: 'wx', mode: FILE_MODE });
    try {
      await pipeline(source, meter, out);
    } catch (err) {
      // The pipeline rejects as soon as the source fails, possibly before the file is even
      // opened: wait for the stream to close, or a late open would recreate what rm removed.
      await new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())));
      await rm(path, { force: true });
      throw err;
    }
    return { blobId, size, sha1: hash.digest('hex').toUpperCase() };
  }

  /**
   * Streams blobs one after another into a new staged blob (the parts of a multipart
   * upload into its file). One part is open at a time and read as the write drains, so
   * memory stays flat whatever the total size.
   */
  async concat(blobIds: readonly string[], maxBytes = -1): Promise<StagedBlob> {
    const open = (blobId: string) => this.open(blobId);
    async function* chunks(): AsyncGenerator<Buffer> {
      for (const blobId of blobIds) {
        for await (const chunk of await open(blobId)) yield chunk as Buffer;
      }
    }
    return this.stage(Readable.from(chunks(), { objectMode: false }), maxBytes);
  }

  /**
   * Moves a staged blob into place; call after the referencing entry has committed, then
   * check that it still is referenced (core's publishCommitted does both): a delete that
   * committed meanwhile may have looked for the file before it got here. True when the
   * blob is in place; false when it was neither staged nor published (removed meanwhile).
   */
  async publish(blobId: string): Promise<boolean> {
    try {
      await mkdir(this.shardDir(blobId), { recursive: true, mode: DIR_MODE });
      await rename(this.tmpPath(blobId), this.objectPath(blobId));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // Published already (by a sweep or the start-up recovery), or removed by a delete.
      return stat(this.objectPath(blobId)).then(
        () => true,
        () => false,
      );
    } finally {
      this.release(blobId);
    }
  }

  /** Drops a staged blob whose entry never committed. */
  async discard(blobId: string): Promise<void> {
    try {
      await rm(this.tmpPath(blobId), { force: true });
    } finally {
      this.release(blobId);
    }
  }

  /**
   * Removes a blob whose reference is gone (call after the commit that removed it): one
   * unlink. A missing file is not an error (deletion is retried from blob_gc); only then
   * is the staged copy looked for, which exists in the instant between a commit and its
   * publish. A publish landing between the two unlinks is caught by its own check of the
   * reference, after its rename (core/blobs/publish-committed.ts).
   */
  async delete(blobId: string): Promise<void> {
    if (await unlinkIfThere(this.objectPath(blobId))) return;
    await unlinkIfThere(this.tmpPath(blobId));
  }

  /**
   * Removes many blobs, `DELETE_CONCURRENCY` unlinks in flight at a time: one at a time,
   * a purge of small files ran at a third of `rm -rf`'s rate (each unlink waits out a
   * round trip to the thread pool); a bounded pool keeps the disk busy without holding a
   * promise per blob of a million-entry purge.
   */
  async deleteMany(blobIds: readonly string[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < blobIds.length) await this.delete(blobIds[next++]!);
    };
    const workers = Math.min(DELETE_CONCURRENCY, blobIds.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /** Streams the bytes; `start`/`end` are inclusive offsets, as in an HTTP Range. */
  async open(blobId: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = await this.locate(blobId);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async size(blobId: string): Promise<number> {
    return (await stat(await this.locate(blobId))).size;
  }

  /**
   * Settles writes a crash interrupted: a staged blob whose entry committed is published,
   * any other is removed. Only staged files untouched for `idleMs` are looked at: when
   * several nodes share the blob directory, another node's upload in progress keeps its
   * file fresh and is left alone. Never reads the whole store.
   */
  async recover(isReferenced: (blobIds: string[]) => Promise<Set<string>>, idleMs = 0): Promise<void> {
    const now = Date.now();
    const staged: string[] = [];
    for (const name of await readdir(this.tmpDir)) {
      const info = await stat(this.tmpPath(name)).catch(() => undefined);
      if (info && now - info.mtimeMs >= idleMs) staged.push(name);
    }
    if (staged.length === 0) return;
    const referenced = await isReferenced(staged);
    for (const blobId of staged) {
      if (referenced.has(blobId)) await this.publish(blobId);
      else await rm(this.tmpPath(blobId), { force: true });
    }
  }

  /**
   * The periodic sweep, safe on every node sharing this directory at once: removes staged
   * files untouched for `staleMs` whose blob no row references (uploads cut off, writers
   * that died), publishes those a committed row references, and removes published files
   * untouched for `staleMs` that nothing references (left by a crash between a purge's
   * commit and its unlink, or by a bug). What it never removes:
   * - a blob of this process still being written or not yet published (`held`);
   * - another node's: its heartbeat keeps the staged file fresher than `staleMs`, and a
   *   staged file is looked at again right before the unlink;
   * - anything referenced: `isReferenced` is asked right before removing, and a blob gains
   *   its reference before it is published, never after (publication follows the commit).
   * Published files are read shard by shard, `SWEEP_BATCH` at a time, so memory stays flat.
   */
  async sweep(options: { staleMs: number; isReferenced: (blobIds: string[]) => Promise<Set<string>> }): Promise<SweepResult> {
    const result: SweepResult = { removed: 0, published: 0 };
    const staleBefore = () => Date.now() - options.staleMs;
    const stale = async (path: string) => {
      const info = await stat(path).catch(() => undefined);
      return info !== undefined && info.mtimeMs < staleBefore();
    };
    const staged: string[] = [];
    for (const name of await readdir(this.tmpDir)) {
      if (!this.isHeld(name) && (await stale(this.tmpPath(name)))) staged.push(name);
    }
    for (let i = 0; i < staged.length; i += SWEEP_BATCH) {
      const batch = staged.slice(i, i + SWEEP_BATCH);
      const referenced = await options.isReferenced(batch);
      for (const blobId of batch) {
        if (referenced.has(blobId)) {
          if (await this.publish(blobId)) result.published++;
        } else if (!this.isHeld(blobId) && (await stale(this.tmpPath(blobId))) && (await unlinkIfThere(this.tmpPath(blobId)))) {
          result.removed++;
        }
      }
    }
    for (const shard of await readdir(this.objectsDir)) {
      const names = await readdir(join(this.objectsDir, shard)).catch(() => [] as string[]);
      for (let i = 0; i < names.length; i += SWEEP_BATCH) {
        const old: string[] = [];
        for (const name of names.slice(i, i + SWEEP_BATCH)) if (await stale(join(this.objectsDir, shard, name))) old.push(name);
        if (old.length === 0) continue;
        const referenced = await options.isReferenced(old);
        for (const blobId of old) {
          if (!referenced.has(blobId) && (await unlinkIfThere(this.objectPath(blobId)))) result.removed++;
        }
      }
    }
    return result;
  }

  /** Every published blob id: for consistency checks in tests and tools, not the hot path. */
  async *listAll(): AsyncGenerator<string> {
    for (const shard of await readdir(this.objectsDir)) {
      for (const name of await readdir(join(this.objectsDir, shard))) yield name;
    }
  }

  /** The published file, or the staged one in the instant between commit and publish. */
  private async locate(blobId: string): Promise<string> {
    const published = this.objectPath(blobId);
    try {
      await stat(published);
      return published;
    } catch {
      return this.tmpPath(blobId);
    }
  }

  private tmpPath(blobId: string): string {
    return join(this.tmpDir, blobId);
  }

  private shardDir(blobId: string): string {
    return join(this.objectsDir, blobId.slice(0, 2));
  }

  private objectPath(blobId: string): string {
    return join(this.shardDir(blobId), blobId);
  }
}
