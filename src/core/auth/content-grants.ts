import { getUserById } from '../../store/repositories/users.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { type FileRef, getLiveEntry, noContent } from '../entries/read.js';
import type { Actor, Entry } from '../types.js';
import { actorOf } from '../users/users.service.js';
import { signFields, verifyFields } from './secrets.js';

/** A download URL's signed parts: whose access it borrows, which file, until when. */
export interface DownloadGrant {
  userId: string;
  driveId: string;
  fileId: string;
  expiresAt: number;
  signature: string;
}

const fields = (g: Omit<DownloadGrant, 'signature'>) => [g.userId, g.driveId, g.fileId, String(g.expiresAt)];

/** Grants the actor's read access to one live file until `expiresAt`. */
export async function grantDownload(
  ctx: CoreContext,
  actor: Actor,
  input: FileRef & { expireSec: number },
): Promise<{ grant: DownloadGrant; entry: Entry }> {
  const entry = await getLiveEntry(ctx, actor, input);
  if (entry.type !== 'file' || entry.status !== 'available') throw noContent(entry);
  const unsigned = { userId: actor.userId, driveId: entry.driveId, fileId: entry.id, expiresAt: ctx.clock.now() + input.expireSec * 1000 };
  return { grant: { ...unsigned, signature: await signFields(ctx, 'download', fields(unsigned)) }, entry };
}

const downloadRefused = (why: string): DomainError =>
  new DomainError('Forbidden', `the download URL ${why}`, { reason: `the download URL ${why}` });

/**
 * The actor a download URL speaks for, once its signature and expiry check out. The file
 * is then read with that actor's rights, so a file trashed since, or a user removed, is
 * refused even while the URL is fresh.
 */
export async function actorOfDownload(ctx: CoreContext, grant: DownloadGrant): Promise<Actor> {
  if (!(await verifyFields(ctx, 'download', { fields: fields(grant), signature: grant.signature }))) {
    throw downloadRefused('is not valid');
  }
  if (grant.expiresAt <= ctx.clock.now()) throw downloadRefused('has expired');
  const user = await getUserById(ctx.store.db, grant.userId);
  if (!user || user.status !== 'enabled') throw downloadRefused('is not valid');
  return actorOf(user);
}
