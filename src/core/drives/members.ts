import { deleteMember, listMembers as queryMembers, putMember } from '../../store/repositories/drive-members.repository.js';
import { getUserById, lockUser } from '../../store/repositories/users.repository.js';
import { requireDrive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { invalidInput } from '../errors.js';
import type { Actor, DriveMember, MemberRole } from '../types.js';
import { userNotFound } from '../users/user-checks.js';

const MEMBER_ROLES: readonly MemberRole[] = ['viewer', 'editor'];

const ownerIsNoMember = () => invalidInput('userId', "names the drive's owner, who has every right on it already");

export interface AddMemberInput {
  driveId: string;
  userId: string;
  role: MemberRole;
}

/**
 * Shares a drive with a user as a viewer or an editor, or changes the role of a member
 * (the drive's owner or an admin only). The user's row is locked, as deleting a user
 * locks it, so a membership is never added for someone being deleted.
 */
export async function addMember(ctx: CoreContext, actor: Actor, input: AddMemberInput): Promise<DriveMember> {
  if (!MEMBER_ROLES.includes(input.role)) throw invalidInput('role', 'must be viewer or editor');
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    if (input.userId === w.drive.ownerId) throw ownerIsNoMember();
    const user = await lockUser(w.tx, w.capabilities, input.userId);
    if (!user) throw userNotFound(input.userId);
    await putMember(w, { userId: user.id, role: input.role, addedAt: ctx.clock.now(), addedBy: actor.userId });
    const member = (await queryMembers(w.tx, w.driveId)).find((m) => m.userId === user.id);
    return member!;
  });
}

/**
 * Takes a member off a drive: from their next request on, the drive is as absent to them
 * as one that does not exist (every check reads the membership, a write's in the
 * transaction that holds the drive's lock). The owner or an admin removes anyone; a member
 * may remove themself (leave the drive). Someone who is not a member is UserNotFound.
 */
export async function removeMember(ctx: CoreContext, actor: Actor, input: { driveId: string; userId: string }): Promise<void> {
  const need = input.userId === actor.userId ? 'viewer' : 'owner';
  await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need }, async (w) => {
    if (input.userId === w.drive.ownerId) throw ownerIsNoMember();
    if (!(await deleteMember(w, input.userId))) throw userNotFound(input.userId);
  });
}

/**
 * Who may use the drive: its owner first (role 'owner', added when the drive was made),
 * then its members by when they were added. Any member may see who else is one.
 */
export async function listMembers(ctx: CoreContext, actor: Actor, driveId: string): Promise<DriveMember[]> {
  const db = ctx.store.db;
  const drive = await requireDrive(db, { actor, driveId, need: 'viewer' });
  const [owner, members] = await Promise.all([getUserById(db, drive.ownerId), queryMembers(db, drive.id)]);
  const first: DriveMember[] = owner
    ? [{ userId: owner.id, userName: owner.name, nickName: owner.nickName, role: 'owner', addedAt: drive.createdAt }]
    : [];
  return [...first, ...members];
}
