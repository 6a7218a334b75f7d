import type { DriveMember, MemberRole } from '../../core/types.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db, DriveTx, Tx } from '../store.js';

export const asMemberRole = (role: string): MemberRole => (role === 'editor' ? 'editor' : 'viewer');

const roleOf = preparedQuery((db, $: { driveId: string; userId: string }) =>
  db.selectFrom('drive_members').select('role').where('drive_id', '=', $.driveId).where('user_id', '=', $.userId),
);

/** The user's role on the drive as a member, if they are one (the owner is not a member). */
export async function memberRole(db: Db, driveId: string, userId: string): Promise<MemberRole | undefined> {
  const [row] = await roleOf(db, { driveId, userId });
  return row && asMemberRole(row.role);
}

/** Adds the member, or changes the role of one who is a member already (who added them, and when, stay). */
export async function putMember(w: DriveTx, row: { userId: string; role: MemberRole; addedAt: number; addedBy: string }): Promise<void> {
  await w.tx
    .insertInto('drive_members')
    .values({ drive_id: w.driveId, user_id: row.userId, role: row.role, added_at: row.addedAt, added_by: row.addedBy })
    .onConflict((oc) => oc.columns(['drive_id', 'user_id']).doUpdateSet({ role: row.role }))
    .execute();
}

/** Whether there was such a member. */
export async function deleteMember(w: DriveTx, userId: string): Promise<boolean> {
  const result = await w.tx.deleteFrom('drive_members').where('drive_id', '=', w.driveId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A deleted drive has no members. */
export async function deleteDriveMembers(w: DriveTx): Promise<void> {
  await w.tx.deleteFrom('drive_members').where('drive_id', '=', w.driveId).execute();
}

/**
 * A deleted user is a member of nothing. The caller holds the user's row lock, and adding a
 * member takes it too, so no membership can be added for them meanwhile.
 */
export async function deleteMembershipsOf(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom('drive_members').where('user_id', '=', userId).execute();
}

/** The drive's members with their names, by when they were added (then id). */
export async function listMembers(db: Db, driveId: string): Promise<DriveMember[]> {
  const rows = await db
    .selectFrom('drive_members')
    .innerJoin('users', 'users.id', 'drive_members.user_id')
    .select(['users.id', 'users.name', 'users.nick_name', 'drive_members.role', 'drive_members.added_at'])
    .where('drive_members.drive_id', '=', driveId)
    .where('users.status', '<>', 'deleted')
    .orderBy('drive_members.added_at')
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, userName: r.name, nickName: r.nick_name, role: asMemberRole(r.role), addedAt: Number(r.added_at) }));
}
