import { referencedBlobs } from '../../store/repositories/purge.repository.js';
import type { CoreContext } from '../context.js';

/**
 * Publishes a staged blob whose referencing row has committed, then checks the reference
 * is still there, and removes the blob if it is not. This is what makes publication and
 * deletion race-free without a lock shared by nodes: a delete commits the row's removal
 * and only then unlinks (the object path, then the staged one). If that commit came
 * before this check, the check sees no reference and removes the file itself; if after,
 * the delete's unlinks come after this rename and find the object. Either way nothing is
 * left. (Before, a rename landing between the delete's two unlinks left a blob forever,
 * 5 times in 800 PUTs racing /v2/file/delete on SQLite, and a delete that removed the
 * staged file first made the PUT's rename fail with a 500.)
 */
export async function publishCommitted(ctx: CoreContext, blobId: string): Promise<void> {
  const inPlace = await ctx.blobs.publish(blobId);
  if ((await referencedBlobs(ctx.store.db, [blobId])).has(blobId)) {
    if (!inPlace) throw new Error(`blob ${blobId} is referenced but is neither staged nor published`);
    return;
  }
  await ctx.blobs.delete(blobId);
}
