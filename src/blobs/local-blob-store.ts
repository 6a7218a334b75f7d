import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newBlobId } from '../core/ids.js';

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

  constructor(root: string) {
    this.tmpDir = join(root, 'tmp');
    this.objectsDir = join(root, 'objects');
  }

  async init(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.objectsDir, { recursive: true });
  }

  /** Streams `source` into a staged blob; at most `maxBytes` bytes (-1: no limit). */
  stage(source: Readable, maxBytes = -1): Promise<StagedBlob> {
    const write = this.write(source, maxBytes);
    this.writing.add(write);
    const forget = () => this.writing.delete(write);
    write.then(forget, forget);
    return write;
  }

  /**
   * Resolves once every write in progress has ended, its temp file kept for a commit or
   * removed. At shutdown, after the server cut its connections, a cut-off upload is still
   * removing its file: closing before it would leave the file to the next start's recover.
   */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
  }

  private async write(source: Readable, maxBytes: number): Promise<StagedBlob> {
    const blobId = newBlobId();
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
    const out = createWriteStream(path, { flags: 'wx' });
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

  /** Moves a staged blob into place; call after the referencing entry has committed. */
  async publish(blobId: string): Promise<void> {
    await mkdir(this.shardDir(blobId), { recursive: true });
    await rename(this.tmpPath(blobId), this.objectPath(blobId));
  }

  /** Drops a staged blob whose entry never committed. */
  async discard(blobId: string): Promise<void> {
    await rm(this.tmpPath(blobId), { force: true });
  }

  /**
   * Removes a published blob: one unlink. A missing file is not an error (deletion is
   * retried from blob_gc); only then is the staged copy looked for, which exists in the
   * instant between a commit and its publish.
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
      else await this.discard(blobId);
    }
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
