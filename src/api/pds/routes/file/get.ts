import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderFile } from '../../render/file.js';

/** POST /v2/file/get: a live entry, or one in the bin (then with trashed_at set). */
export const getFile = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id'), fileId: fields.requiredId(body, 'file_id') }),
  run: ({ salvage, actor }, input) => salvage.entries.state(actor, input),
  // The cheapest read there is: the token is checked in the drive's read.
  runWithToken: async ({ salvage }, accessToken, input) => {
    const { actor, state } = await salvage.entries.stateForToken(accessToken, input);
    return { actor, result: state };
  },
  render: ({ entry, deletedAt }) => ({ status: 200, body: renderFile(entry, deletedAt) }),
});
