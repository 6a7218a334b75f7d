import type { EntryFilter } from '../../store/repositories/entries.repository.js';
import { requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkRange } from '../errors.js';
import type { Actor, ActorNames, BinItem, Page } from '../types.js';
import { pageOfBin } from './list-bin.js';

export interface SearchBinInput {
  driveId: string;
  /** What to look for; absent, every bin item matches. */
  filter?: EntryFilter;
  /** Default 100, at most 100 (as a search of live entries). */
  limit?: number;
  token?: string;
  /** What the filter was asked as: a token belongs to its search and to no other. */
  scope: string;
}

/**
 * Bin items (trash roots) matching `filter`, in the bin's order (newest trashed first) by
 * keyset on (trashed_at, id), like the bin's listing. Entries inside a trashed folder are
 * not items of their own, so they are not found; browse the folder for them.
 */
export async function searchBin(ctx: CoreContext, actor: Actor, input: SearchBinInput): Promise<Page<BinItem & ActorNames>> {
  const drive = await requireDrive(ctx.store.db, { actor, driveId: input.driveId, need: 'viewer' });
  const limit = input.limit === undefined ? 100 : checkRange('limit', input.limit, { min: 1, max: 100 });
  return pageOfBin(ctx, drive, { limit, token: input.token, filter: input.filter, scope: `search:${input.scope}` });
}
