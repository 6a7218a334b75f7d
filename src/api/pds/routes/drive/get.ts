import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderDrive } from '../../render/drive.js';

/** POST /v2/drive/get */
export const getDrive = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id') }),
  run: ({ salvage, actor }, input) => salvage.drives.get(actor, input.driveId),
  render: (drive) => ({ status: 200, body: renderDrive(drive) }),
});
