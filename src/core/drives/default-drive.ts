import { getDrive, ownDrives } from '../../store/repositories/drives.repository.js';
import type { CoreContext } from '../context.js';
import type { User } from '../types.js';

/**
 * The drive a client opens first: the one made with the user, while it is theirs and
 * live; otherwise their oldest own drive; '' when they have none (admin at first start).
 */
export async function defaultDriveOf(ctx: CoreContext, user: User): Promise<string> {
  if (user.defaultDriveId !== null) {
    const drive = await getDrive(ctx.store.db, user.defaultDriveId);
    if (drive && drive.status === 'enabled' && drive.ownerId === user.id) return drive.id;
  }
  const [oldest] = await ownDrives(ctx.store.db, user.id, 1);
  return oldest?.id ?? '';
}
