import { PassThrough, type Readable } from 'node:stream';
import { BlobTooLargeError, type StagedBlob } from '../../blobs/local-blob-store.js';
import type { CoreContext } from '../context.js';
import { isStorageFull, storageFull } from '../errors.js';
import { uploadCutOff } from './upload-errors.js';

/**
 * Streams a request body into a staged blob of at most `maxBytes` (-1: no limit), never
 * holding it in memory. Throws BlobTooLargeError past the limit, and uploadCutOff when the
 * client goes away mid-body, and StorageFull when the disk is; either way nothing is kept
 * and the rest of the body drains.
 */
export async function stageBody(ctx: CoreContext, content: Readable, maxBytes: number): Promise<StagedBlob> {
  // Staged through a pass-through: a refused write tears down only that, so the request
  // itself stays open, drains, and its client reads the error instead of a reset.
  const body = new PassThrough();
  // pipe() does not pass on a client that goes away mid-body; without this the staging
  // would wait forever for an end that never comes.
  const cutOff = () => {
    if (!content.readableEnded) body.destroy(uploadCutOff());
  };
  content.once('close', cutOff);
  content.once('error', cutOff);
  content.pipe(body);
  try {
    return await ctx.blobs.stage(body, maxBytes);
  } catch (err) {
    content.unpipe(body);
    content.resume();
    if (err instanceof BlobTooLargeError || content.readableEnded) throw err;
    // The disk, not the client: ENOSPC mid-body is the server's 507, never a cut-off body.
    if (isStorageFull(err)) throw storageFull(err as Error);
    throw uploadCutOff();
  } finally {
    content.off('close', cutOff);
    content.off('error', cutOff);
  }
}
