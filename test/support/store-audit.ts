import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { driveInconsistencies } from './consistency.js';

/** What an auditor finds in a store and its blob directory. */
export interface StoreAudit {
  /** Broken rules, in words; empty when the store is consistent. */
  problems: string[];
  /** Blob ids that entries reference. */
  referencedBlobs: Set<string>;
  /** Blob ids queued in `blob_gc`: freed by a committed purge, file not yet removed. */
  pendingBlobDeletions: Set<string>;
  /** Published blob files: `blobs/objects/<2 chars>/<blobId>`. */
  blobFiles: Set<string>;
  /** Staged blob files (`blobs/tmp`): uploads in flight, or leftovers of a crash. */
  stagedFiles: string[];
  /** Entry rows, every drive together. */
  entries: number;
}

/**
 * Checks the rules a crash must never break, over every live drive, through a Kysely
 * handle on the server's own database (SQLite or PostgreSQL; the core's, or one opened
 * with `openStore` beside a stopped or killed server): the counters of
 * {@link driveInconsistencies}, and the blobs. Every blob an entry or upload part references is on disk; a blob
 * file nothing references is allowed only while it is queued in `blob_gc` (deleted after
 * the commit that freed it); nothing queued is still referenced. The rows are read in one
 * transaction, the blob directory right after: audit a server that is not running.
 */
export async function auditStore(db: Kysely<Database>, dataDir: string): Promise<StoreAudit> {
  const rows = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const problems: string[] = [];
      // A deleted drive's rows are purged by a job; its counters are no longer kept.
      const drives = await tx.selectFrom('drives').select('id').where('status', '=', 'enabled').execute();
      for (const { id } of drives) problems.push(...(await driveInconsistencies(tx, id)).map((p) => `drive ${id}: ${p}`));
      const referenced = [
        ...(await tx.selectFrom('entries').select('blob_id').where('blob_id', 'is not', null).execute()),
        // Received parts of unfinished multipart uploads reference their blobs too.
        ...(await tx.selectFrom('upload_parts').select('blob_id').execute()),
      ];
      const pending = await tx.selectFrom('blob_gc').select('blob_id').execute();
      const count = await tx.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return {
        problems,
        referencedBlobs: new Set(referenced.map((r) => r.blob_id!)),
        pendingBlobDeletions: new Set(pending.map((r) => r.blob_id)),
        entries: Number(count.n),
      };
    });
  const blobFiles = await blobFilesOnDisk(dataDir);
  const stagedFiles = await stagedBlobFiles(dataDir);
  const { problems, referencedBlobs, pendingBlobDeletions } = rows;
  const missing = [...referencedBlobs].filter((id) => !blobFiles.has(id));
  if (missing.length > 0) problems.push(`${missing.length} referenced blobs missing on disk, e.g. ${missing.slice(0, 3).join(', ')}`);
  const orphaned = [...blobFiles].filter((id) => !referencedBlobs.has(id) && !pendingBlobDeletions.has(id));
  if (orphaned.length > 0) problems.push(`${orphaned.length} orphaned blob files (unreferenced, not queued), e.g. ${orphaned.slice(0, 3).join(', ')}`);
  const stillReferenced = [...pendingBlobDeletions].filter((id) => referencedBlobs.has(id));
  if (stillReferenced.length > 0) problems.push(`${stillReferenced.length} blobs queued for deletion but still referenced`);
  return { ...rows, problems, blobFiles, stagedFiles };
}

/** Every published blob file: `objects/<2 chars>/<blobId>`. */
export async function blobFilesOnDisk(dataDir: string): Promise<Set<string>> {
  const objects = join(dataDir, 'blobs', 'objects');
  const ids = new Set<string>();
  if (!existsSync(objects)) return ids;
  for (const shard of await readdir(objects)) for (const id of await readdir(join(objects, shard))) ids.add(id);
  return ids;
}

async function stagedBlobFiles(dataDir: string): Promise<string[]> {
  const tmp = join(dataDir, 'blobs', 'tmp');
  return existsSync(tmp) ? readdir(tmp) : [];
}
