import type { DriveMember } from '../../../core/types.js';

/** A drive's member; times in milliseconds, as for users. */
export const renderMember = (m: DriveMember) => ({
  user_id: m.userId,
  user_name: m.userName,
  nick_name: m.nickName,
  role: m.role,
  added_at: m.addedAt,
});
