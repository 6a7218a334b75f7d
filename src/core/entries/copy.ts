import type { StagedBlob } from '../../blobs/local-blob-store.js';
import { reserveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, getEntry, insertEntry } from '../../store/repositories/entries.repository.js';
import { activeJobs } from '../../store/repositories/jobs.repository.js';
import type { Db } from '../../store/store.js';
import { type OpenDriveTx, requireDrive, requireLive, requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { invalidInput, rootRefused } from '../errors.js';
import { ROOT_ID } from '../ids.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Drive, Entry, Job } from '../types.js';
import { copyRow, stageCopyOf } from './copy-rows.js';
import { freeBytes, quotaExceeded } from './create-file.js';
import { intoItself } from './move.js';
import { resolveName } from './name-mode.js';
import { publishCommitted } from '../blobs/publish-committed.js';

export interface CopyInput {
  driveId: string;
  fileId: string;
  /** The destination folder (same drive). */
  toParentId: string;
  /** The copy's name; the source's if absent. */
  newName?: string;
  /** A taken name: the copy takes `name(n)`, or the copy is refused (NameConflict). */
  autoRename: boolean;
}

/**
 * A copy of a live entry in a folder of its drive. A file is copied at once: its bytes
 * are staged as a blob of its own, then the entry is committed with them (quota reserved
 * in the same transaction), then the blob is published. A folder's copy is made at once,
 * empty, and a `copy` job fills it in batches (see copy-job.ts); `job` is that job.
 */
export async function copyEntry(ctx: CoreContext, actor: Actor, input: CopyInput): Promise<{ entry: Entry; job: Job | null }> {
  const p: Placement = { input, name: input.newName === undefined ? undefined : checkName(input.newName, 'newName'), actor };
  // Everything that can be refused is refused before a byte is read; under the lock it is checked again.
  const drive = await requireDrive(ctx.store.db, { actor, driveId: input.driveId, need: 'editor' });
  const { source } = await place(ctx.store.db, drive, p);
  if (source.type === 'folder') {
    const result = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, (w) => startFolderCopy(ctx, w, p));
    ctx.wakeEngine();
    return result;
  }
  if (source.status !== 'available') throw invalidInput('fileId', 'is a file still being uploaded: it has no content to copy yet');
  const free = freeBytes(drive);
  if (free >= 0 && source.size > free) throw quotaExceeded(drive);
  const staged = await stageCopyOf(ctx, source);
  if (!staged) throw invalidInput('fileId', 'has no content to copy');
  try {
    const entry = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, (w) => commitFileCopy(ctx, w, { ...p, staged }));
    await publishCommitted(ctx, staged.blobId);
    return { entry, job: null };
  } catch (err) {
    await ctx.blobs.discard(staged.blobId);
    throw err;
  }
}

/** The source (live, not the root) and the destination (a live folder, not inside the source). */
async function checkCopy(tx: Db, drive: Drive, input: CopyInput) {
  const where = await requireLive(tx, { drive, id: input.fileId, field: 'fileId' });
  const id = where.chain[0]!.id;
  if (id === ROOT_ID) throw rootRefused('copied');
  const dest = await requireLiveFolder(tx, { drive, id: input.toParentId, field: 'targetId' });
  if (dest.chain.some((l) => l.id === id)) throw intoItself('targetId', input.toParentId);
  return { source: (await getEntry(tx, drive.id, id))!, dest };
}

interface Placement {
  input: CopyInput;
  name: string | undefined;
  actor: Actor;
}

/** Where the copy goes and its name; in the commit's transaction, all of it is checked again. */
async function place(db: Db, drive: Drive, p: Placement) {
  const { source, dest } = await checkCopy(db, drive, p.input);
  const parentId = dest.chain[0]!.id;
  const mode = p.input.autoRename ? 'auto_rename' : 'ignore';
  const resolved = await resolveName(db, { driveId: drive.id, parentId, name: p.name ?? source.name, type: source.type, mode });
  return { source, dest, parentId, name: resolved.name };
}

async function commitFileCopy(ctx: CoreContext, w: OpenDriveTx, p: Placement & { staged: StagedBlob }): Promise<Entry> {
  const { source, dest, parentId, name } = await place(w.tx, w.drive, p);
  if (source.type !== 'file') throw invalidInput('fileId', 'is no longer a file');
  if (!(await reserveBytes(w, p.staged.size))) throw quotaExceeded(w.drive);
  const row = copyRow(ctx, { source, driveId: w.drive.id, parentId, name, actor: p.actor, staged: p.staged });
  await insertEntry(w, row);
  await addToTree(w, chainIds(dest.chain), { bytes: p.staged.size, count: 1 });
  return (await getEntry(w.tx, w.drive.id, row.id))!;
}

/**
 * The empty top folder of the copy and the job that fills it, in one transaction. A copy
 * that cannot fit in the drive's quota as it stands now is refused up front; the job still
 * reserves each batch's bytes, as the drive changes meanwhile.
 */
async function startFolderCopy(ctx: CoreContext, w: OpenDriveTx, p: Placement): Promise<{ entry: Entry; job: Job }> {
  const { source, dest, parentId, name } = await place(w.tx, w.drive, p);
  const free = freeBytes(w.drive);
  if (free >= 0 && source.treeBytes > free) throw quotaExceeded(w.drive);
  const row = copyRow(ctx, { source, driveId: w.drive.id, parentId, name, actor: p.actor });
  await insertEntry(w, row);
  await addToTree(w, chainIds(dest.chain), { bytes: 0, count: 1 });
  const job = await enqueueJob(ctx, w, {
    type: 'copy',
    actor: p.actor,
    targetId: source.id,
    targetName: source.name,
    params: { sourceId: source.id, copyId: row.id, stack: [{ src: source.id, dst: row.id }] },
    total: source.treeCount - 1,
    policy: 'queue',
    active: await activeJobs(w.tx, w.drive.id),
  });
  return { entry: (await getEntry(w.tx, w.drive.id, row.id))!, job };
}
