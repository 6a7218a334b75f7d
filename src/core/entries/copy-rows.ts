import type { StagedBlob } from '../../blobs/local-blob-store.js';
import type { CoreContext } from '../context.js';
import type { Actor, Entry } from '../types.js';
import { newEntryRow } from './new-entry.js';

/**
 * The row of a copy of `source` under `parentId`: a new id, the copier as creator, fresh
 * times; a file keeps its type and content type and gets its own copy of the bytes
 * (`staged`: every entry owns its blob, as a purge deletes the blob with the entry).
 */
export function copyRow(ctx: CoreContext, copy: { source: Entry; driveId: string; parentId: string; name: string; actor: Actor; staged?: StagedBlob }) {
  const { source, staged } = copy;
  return newEntryRow({
    driveId: copy.driveId,
    parentId: copy.parentId,
    name: copy.name,
    type: source.type,
    createdBy: copy.actor.userId,
    now: ctx.clock.now(),
    ...(staged && { size: staged.size, contentType: source.contentType, contentHash: staged.sha1, blobId: staged.blobId }),
  });
}

/** A staged copy of a file's bytes, or undefined when its content is gone (purged meanwhile). */
export async function stageCopyOf(ctx: CoreContext, source: Entry): Promise<StagedBlob | undefined> {
  if (source.type !== 'file' || source.status !== 'available' || !source.blobId) return undefined;
  try {
    return await ctx.blobs.concat([source.blobId]);
  } catch (err) {
    // Gone from disk: its entry was purged after it was read. Anything else is a real failure.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
