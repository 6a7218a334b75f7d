import { listDrives } from '../../store/repositories/drives.repository.js';
import { driveNotFound, requireDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { isDomainError } from '../errors.js';
import { isId } from '../ids.js';
import type { Actor, SeenDrive } from '../types.js';
import { seenBy } from './drives.service.js';

/**
 * A drive the actor sees, named by id or by name (a WebDAV URL says either). An id wins;
 * drive names need not be unique, so among several visible drives of one name the oldest
 * is meant (its id always names the others).
 */
export async function findDrive(ctx: CoreContext, actor: Actor, ref: string): Promise<SeenDrive> {
  if (isId(ref)) {
    try {
      return await requireDrive(ctx.store.db, { actor, driveId: ref, need: 'viewer' });
    } catch (err) {
      if (!(isDomainError(err) && err.code === 'DriveNotFound')) throw err;
    }
  }
  const [named] = await listDrives(ctx.store.db, { visibleTo: actor.isAdmin ? undefined : actor.userId, name: ref, limit: 1 });
  if (!named) throw driveNotFound(ref);
  return seenBy(actor, named);
}
