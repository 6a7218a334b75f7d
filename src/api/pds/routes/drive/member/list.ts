import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';
import { renderMember } from '../../../render/member.js';

/**
 * POST /v2/drive/member/list (Salvage extension): the owner first, then the members by
 * when they were added; any member may list. One page: a drive has few members.
 */
export const listMembers = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id') }),
  run: ({ salvage, actor }, input) => salvage.members.list(actor, input.driveId),
  render: (members) => ({ status: 200, body: { items: members.map(renderMember) } }),
});
