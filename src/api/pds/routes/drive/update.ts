import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';

/** CreateDriveRequest and UpdateDriveRequest: drive_name maxLength=1024 (pds/main.tea). */
const MAX_DRIVE_NAME = 1024;
import { renderDrive } from '../../render/drive.js';

/** POST /v2/drive/update: name, description and quota. */
export const updateDrive = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    name: fields.string(body, 'drive_name', { maxLength: MAX_DRIVE_NAME }),
    description: fields.string(body, 'description', { maxLength: 1024 }),
    totalSize: fields.int(body, 'total_size', { min: -1, max: Number.MAX_SAFE_INTEGER }),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.drives.update(actor, {
      driveId: input.driveId,
      name: input.name,
      description: input.description,
      totalSize: input.totalSize,
    }),
  render: (drive) => ({ status: 200, body: renderDrive(drive) }),
});
