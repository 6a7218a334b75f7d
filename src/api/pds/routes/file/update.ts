import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderFile } from '../../render/file.js';

/** POST /v2/file/update: renames a live entry (PDS moves with /v2/file/move, not offered). */
export const updateFile = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    name: fields.string(body, 'name'),
    checkNameMode: fields.oneOf(body, 'check_name_mode', ['ignore', 'auto_rename', 'refuse'] as const) ?? 'refuse',
  }),
  run: ({ salvage, actor }, input) =>
    salvage.entries.move(actor, {
      driveId: input.driveId,
      fileId: input.fileId,
      name: input.name === undefined || input.name === '' ? undefined : input.name,
      checkNameMode: input.checkNameMode,
    }),
  render: (entry) => ({ status: 200, body: renderFile(entry) }),
});
