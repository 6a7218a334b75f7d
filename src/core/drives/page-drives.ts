import { listDrives } from '../../store/repositories/drives.repository.js';
import type { CoreContext } from '../context.js';
import { pageLimit } from '../entries/read.js';
import type { Actor, Page, SeenDrive } from '../types.js';
import { seenBy } from './drives.service.js';

export interface PageDrivesInput {
  /** Only this owner's drives (among those the actor sees). */
  ownerId?: string;
  /** Default 100. */
  limit?: number;
  token?: string;
}

/**
 * The drives the actor sees (their own and those shared with them, each with the actor's
 * role; admin: all), oldest first, by keyset on (created_at, id) like every other
 * listing; the signed token is good only for the same caller and owner filter.
 */
export async function pageDrives(ctx: CoreContext, actor: Actor, input: PageDrivesInput): Promise<Page<SeenDrive>> {
  const visibleTo = actor.isAdmin ? undefined : actor.userId;
  const limit = pageLimit(input.limit, 100);
  const scope = `drives:${actor.userId}:${input.ownerId ?? ''}`;
  const after = ctx.tokens.read<{ t: number; id: string }>(scope, input.token);
  const rows = await listDrives(ctx.store.db, { ownerId: input.ownerId, visibleTo, limit: limit + 1, after: after && { createdAt: after.t, id: after.id } });
  const items = rows.slice(0, limit).map((d) => seenBy(actor, d));
  const last = items[items.length - 1];
  return { items, nextToken: rows.length > limit && last ? ctx.tokens.issue(scope, { t: last.createdAt, id: last.id }) : '' };
}
