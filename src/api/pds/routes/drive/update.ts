import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';

/** CreateDriveRequest and UpdateDriveRequest: drive_name maxLength=1024 (pds/main.tea). */
const MAX_DRIVE_NAME = 1024;
import { renderDrive } from '../../render/drive.js';
import { lockOf } from './lock-fields.js';

/** POST /v2/drive/update: name, description, quota (admin) and retention lock (admin). */
export const updateDrive = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    name: fields.string(body, 'drive_name', { maxLength: MAX_DRIVE_NAME }),
    description: fields.string(body, 'description', { maxLength: 1024 }),
    totalSize: fields.int(body, 'total_size', { min: -1, max: Number.MAX_SAFE_INTEGER }),
    lock: lockOf(body),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.drives.update(actor, {
      driveId: input.driveId,
      name: input.name,
      description: input.description,
      totalSize: input.totalSize,
      lock: input.lock,
    }),
  render: (drive) => ({ status: 200, body: renderDrive(drive) }),
});
