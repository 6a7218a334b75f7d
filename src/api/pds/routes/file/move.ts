import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';
import { nameMode, relocation } from './name-mode.js';

/**
 * POST /v2/file/move: a file or folder into another folder of its drive, O(depth) whatever
 * it holds. `check_name_mode` (default ignore) or `auto_rename: true` decide about a taken
 * name: refuse moves nothing and answers the entry holding the name with `exist: true`.
 */
export const moveFile = userOperation({
  parse: (body) => ({ ...relocation(body), checkNameMode: nameMode(body, { checkNameMode: true, fallback: 'ignore' }) }),
  run: ({ salvage, actor }, input) => salvage.entries.moveTo(actor, input),
  render: ({ entry, exist }) => ({
    status: 200,
    body: { domain_id: DOMAIN_ID, drive_id: entry.driveId, file_id: entry.id, async_task_id: '', exist },
  }),
});
