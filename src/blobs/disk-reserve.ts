import { open, stat, statfs, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

const CHUNK = 64 * 1024;

/** The error a write gets when the disk is full; core maps it to StorageFull. */
const diskFull = (why: string): NodeJS.ErrnoException => Object.assign(new Error(`the disk is full: ${why}`), { code: 'ENOSPC' });

/**
 * Room kept back on the data directory's disk so that a full disk can still be emptied
 * through Salvage (issue 13 item 4). Deleting files, emptying the bin and even recording a
 * job are database writes, and on a disk filled to the brim SQLite refuses them all
 * (SQLITE_FULL). So a node keeps a file of `bytes` zeros (`disk-reserve` in the data
 * directory) and, the first time a database write finds the disk full, removes it and
 * tries the write again: the deletes that follow have room. While the reserve is spent no
 * new content is taken (507), so uploads cannot eat the room meant for freeing space; it is
 * put back once the disk has twice its size free again.
 */
export class DiskReserve {
  private present = false;
  private refilling: Promise<boolean> | undefined;

  constructor(
    private readonly path: string,
    private readonly bytes: number,
  ) {}

  /** Writes the reserve file if it is not there; a disk too full for it leaves it spent. */
  async init(): Promise<void> {
    if (this.bytes <= 0) {
      // Turned off: a reserve left by an earlier start is room given back.
      await unlink(this.path).catch(() => undefined);
      return;
    }
    const size = await stat(this.path).then((s) => s.size, () => -1);
    this.present = size === this.bytes || (await this.fill());
  }

  /**
   * Gives the reserve's room back to the disk, for the write that found it full. True if
   * there was a reserve to give (so the write is worth trying again).
   */
  async release(): Promise<boolean> {
    if (!this.present) return false;
    this.present = false;
    await unlink(this.path).catch(() => undefined);
    return true;
  }

  /**
   * Before new content is written: refused (ENOSPC) while the reserve is spent and the disk
   * has not got twice its size free again; then the reserve is written back first.
   */
  async admitContent(): Promise<void> {
    if (this.bytes <= 0 || this.present) return;
    const { bavail, bsize } = await statfs(dirname(this.path));
    if (Number(bavail) * Number(bsize) < 2 * this.bytes) throw diskFull('the room kept for deletes is in use; delete files first');
    this.refilling ??= this.fill().finally(() => (this.refilling = undefined));
    this.present = await this.refilling;
    if (!this.present) throw diskFull('the room kept for deletes could not be put back');
  }

  /** Writes `bytes` real zeros (a sparse file would keep no room); false on a full disk. */
  private async fill(): Promise<boolean> {
    let file;
    try {
      file = await open(this.path, 'w', 0o600);
      const zeros = Buffer.alloc(CHUNK);
      for (let written = 0; written < this.bytes; written += CHUNK) {
        await file.write(zeros, 0, Math.min(CHUNK, this.bytes - written));
      }
      await file.sync();
      await file.close();
      return true;
    } catch (err) {
      await file?.close().catch(() => undefined);
      await unlink(this.path).catch(() => undefined);
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC' || (err as NodeJS.ErrnoException).code === 'EDQUOT') return false;
      throw err;
    }
  }
}
