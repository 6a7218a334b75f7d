import { fields } from '../../../fields.js';
import { userOperation } from '../../../operation.js';

/**
 * POST /v2/drive/member/remove (Salvage extension): 204. The drive's owner or an admin
 * removes anyone; a member may remove themself.
 */
export const removeMember = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id'), userId: fields.requiredId(body, 'user_id') }),
  run: ({ salvage, actor }, input) => salvage.members.remove(actor, input),
  render: () => ({ status: 204 }),
});
