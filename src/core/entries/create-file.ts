import type { Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import { reserveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, getEntry, insertEntry } from '../../store/repositories/entries.repository.js';
import { type OpenDriveTx, requireDrive, requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { DomainError, invalidInput } from '../errors.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Drive, Entry } from '../types.js';
import { type CheckNameMode, nameConflict, resolveName } from './name-mode.js';
import { newEntryRow } from './new-entry.js';
import { sizeMismatch } from '../uploads/upload-errors.js';
import { publishCommitted } from '../blobs/publish-committed.js';

export interface CreateFileInput {
  driveId: string;
  parentId: string;
  name: string;
  content: Readable;
  checkNameMode?: CheckNameMode;
  contentType?: string;
  /** Declared size: a different number of bytes received is refused. */
  size?: number;
}

export const quotaExceeded = (drive: Drive): DomainError =>
  new DomainError('QuotaExceeded', `drive ${drive.id} has no room for this file (quota ${drive.totalSize} bytes)`, {
    id: drive.id,
    max: drive.totalSize,
  });

/** Free bytes on the drive, or -1 for no limit. */
export const freeBytes = (drive: Drive): number => (drive.totalSize < 0 ? -1 : Math.max(0, drive.totalSize - drive.usedSize));

/**
 * Streams content to a staged blob, then commits the entry and its bytes in one
 * transaction, then publishes the blob. Over quota, a size mismatch or a crash leaves
 * no entry and no visible content behind.
 */
export async function createFile(
  ctx: CoreContext,
  actor: Actor,
  input: CreateFileInput,
): Promise<{ entry: Entry; exist: boolean }> {
  const name = checkName(input.name);
  if (input.size !== undefined && (!Number.isSafeInteger(input.size) || input.size < 0)) {
    throw invalidInput('size', 'must be a non-negative integer');
  }
  // Cheap checks before reading a byte, so a doomed upload is refused up front.
  const drive = await (async () => {
    const { db } = ctx.store;
    const d = await requireDrive(db, { actor, driveId: input.driveId, need: 'editor' });
    const parent = await requireLiveFolder(db, { drive: d, id: input.parentId, field: 'parentId' });
    const mode = input.checkNameMode ?? 'ignore';
    const resolved = await resolveName(db, { driveId: d.id, parentId: parent.chain[0]!.id, name, type: 'file', mode });
    if (resolved.existing) return { existing: resolved.existing, drive: d };
    if (input.size !== undefined && freeBytes(d) >= 0 && input.size > freeBytes(d)) throw quotaExceeded(d);
    return { drive: d };
  })();
  if ('existing' in drive && drive.existing) {
    input.content.resume();
    return { entry: drive.existing, exist: true };
  }

  let staged: StagedBlob;
  try {
    const limit = input.size ?? freeBytes(drive.drive);
    staged = await ctx.blobs.stage(input.content, limit);
  } catch (err) {
    if (err instanceof BlobTooLargeError) {
      if (input.size !== undefined) throw sizeMismatch(input.size);
      throw quotaExceeded(drive.drive);
    }
    throw err;
  }
  if (input.size !== undefined && staged.size !== input.size) {
    await ctx.blobs.discard(staged.blobId);
    throw sizeMismatch(input.size);
  }

  try {
    const result = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, (w) =>
      commitNewFile(ctx, w, { actor, input: { ...input, name }, staged }),
    );
    await publishCommitted(ctx, staged.blobId);
    return result;
  } catch (err) {
    await ctx.blobs.discard(staged.blobId);
    throw err;
  }
}

export async function commitNewFile(
  ctx: CoreContext,
  w: OpenDriveTx,
  file: { actor: Actor; input: CreateFileInput & { name: string }; staged: StagedBlob },
): Promise<{ entry: Entry; exist: boolean }> {
  const { actor, input, staged } = file;
  const { drive, tx } = w;
  const { name } = input;
  const parent = await requireLiveFolder(tx, { drive, id: input.parentId, field: 'parentId' });
  const parentId = parent.chain[0]!.id;
  const resolved = await resolveName(tx, { driveId: drive.id, parentId, name, type: 'file', mode: input.checkNameMode ?? 'ignore' });
  if (resolved.existing) throw nameConflict(name);
  if (!(await reserveBytes(w, staged.size))) throw quotaExceeded(drive);
  const row = newEntryRow({
    driveId: drive.id,
    parentId,
    name: resolved.name,
    type: 'file',
    createdBy: actor.userId,
    now: ctx.clock.now(),
    size: staged.size,
    contentType: input.contentType ?? 'application/octet-stream',
    contentHash: staged.sha1,
    blobId: staged.blobId,
  });
  await insertEntry(w, row);
  await addToTree(w, chainIds(parent.chain), { bytes: staged.size, count: 1 });
  return { entry: (await getEntry(tx, drive.id, row.id))!, exist: false };
}

