import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderFile } from '../../render/file.js';

/** Longest `file_path` taken: far more than any real tree, and a bound on the lookups. */
const MAX_PATH_LENGTH = 32_768;

/**
 * POST /v2/file/get_by_path: the live entry at an absolute `file_path` (`/a/b/c`; `/` is
 * the root folder), answered as /v2/file/get answers it. What is in the bin has no path.
 */
export const getFileByPath = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    path: fields.requiredString(body, 'file_path', { maxLength: MAX_PATH_LENGTH }),
  }),
  run: ({ salvage, actor }, input) => salvage.entries.resolvePath(actor, input),
  render: (entry) => ({ status: 200, body: renderFile(entry) }),
});
