import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';
import { renderMember } from '../../../render/member.js';

const MEMBER_ROLES = ['viewer', 'editor'] as const;

/**
 * POST /v2/drive/member/add (a Salvage extension, docs/pds.md "Members and roles"):
 * shares the drive with a user, or changes a member's role. The drive's owner or an admin.
 */
export const addMember = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    userId: fields.requiredId(body, 'user_id'),
    role: fields.requiredOneOf(body, 'role', MEMBER_ROLES),
  }),
  run: ({ salvage, actor }, input) => salvage.members.add(actor, input),
  render: (member) => ({ status: 200, body: renderMember(member) }),
});
