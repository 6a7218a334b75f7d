import type { Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import { findLiveChild } from '../../store/repositories/entries.repository.js';
import { requireDrive, requireLiveFolder, writeVisibleDrive } from '../access.js';
import { publishCommitted } from '../blobs/publish-committed.js';
import type { CoreContext } from '../context.js';
import { invalidInput } from '../errors.js';
import { checkName } from '../names.js';
import { type Removal, removeInTx } from '../recycle-bin/remove.js';
import { locate } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { commitNewFile, freeBytes, quotaExceeded } from './create-file.js';

export interface PutFileInput {
  driveId: string;
  parentId: string;
  name: string;
  content: Readable;
  contentType?: string;
}

/** A name held by a folder cannot take a file's content. */
export const isAFolder = (name: string) => invalidInput('name', `names a folder (${name}), which cannot be overwritten by a file`);

/**
 * Writes a file at a name, creating it or replacing the one there (WebDAV PUT). The
 * content is streamed to a staged blob first; then one transaction moves the old file to
 * the bin (a scratch file is purged: see recycle-bin/remove.ts) and commits the new one,
 * so the name is never empty and the old content is recoverable. Over quota, a broken or
 * interrupted stream leaves nothing changed.
 */
export async function putFile(ctx: CoreContext, actor: Actor, input: PutFileInput): Promise<{ entry: Entry; replaced: Removal | null }> {
  const name = checkName(input.name);
  const drive = await requireDrive(ctx.store.db, { actor, driveId: input.driveId, need: 'editor' });
  const parent = await requireLiveFolder(ctx.store.db, { drive, id: input.parentId, field: 'parentId' });
  const clash = await findLiveChild(ctx.store.db, drive.id, parent.chain[0]!.id, name);
  if (clash?.type === 'folder') throw isAFolder(name);
  let staged: StagedBlob;
  try {
    staged = await ctx.blobs.stage(input.content, freeBytes(drive));
  } catch (err) {
    if (err instanceof BlobTooLargeError) throw quotaExceeded(drive);
    throw err;
  }
  try {
    const result = await writeVisibleDrive(ctx, { actor, driveId: drive.id, need: 'editor' }, async (w) => {
      const old = await findLiveChild(w.tx, w.drive.id, input.parentId, name);
      let replaced: Removal | null = null;
      if (old?.type === 'folder') throw isAFolder(name);
      if (old) {
        const where = await locate(w.tx, w.drive, old.id);
        if (where.state === 'live') replaced = await removeInTx(ctx, w, { chain: where.chain, actor });
      }
      const created = await commitNewFile(ctx, w, { actor, input: { ...input, name, checkNameMode: 'ignore' }, staged });
      return { entry: created.entry, replaced };
    });
    await publishCommitted(ctx, staged.blobId);
    if (result.replaced?.purged) ctx.wakeEngine();
    return result;
  } catch (err) {
    await ctx.blobs.discard(staged.blobId);
    throw err;
  }
}
