import type { SweepResult } from '../../blobs/local-blob-store.js';
import { referencedBlobs } from '../../store/repositories/purge.repository.js';
import type { CoreContext } from '../context.js';

/**
 * The periodic blob sweep (every `blobSweepIntervalMs`, on every node): staged files of
 * dead uploads and unreferenced objects untouched for `blobStaleMs` are removed, staged
 * files a committed row references are published. The references are read from the
 * database right before each removal; see LocalBlobStore.sweep for why it is safe while
 * other nodes upload into the same directory.
 */
export function sweepBlobs(ctx: CoreContext): Promise<SweepResult> {
  return ctx.blobs.sweep({ staleMs: ctx.settings.blobStaleMs, isReferenced: (ids) => referencedBlobs(ctx.store.db, ids) });
}
