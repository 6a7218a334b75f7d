import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';

/** CreateDriveRequest and UpdateDriveRequest: drive_name maxLength=1024 (pds/main.tea). */
const MAX_DRIVE_NAME = 1024;
import { DOMAIN_ID } from '../../render/time.js';

/** POST /v2/drive/create: a drive with its bin on and 30 days' retention (SPEC section 1). */
export const createDrive = userOperation({
  parse: (body) => ({
    name: fields.requiredString(body, 'drive_name', { maxLength: MAX_DRIVE_NAME }),
    owner: fields.id(body, 'owner'),
    totalSize: fields.int(body, 'total_size', { min: -1, max: Number.MAX_SAFE_INTEGER }),
    description: fields.string(body, 'description', { maxLength: 1024 }),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.drives.create(actor, {
      name: input.name,
      ownerId: input.owner,
      totalSize: input.totalSize,
      description: input.description,
      origin: 'pds',
    }),
  render: (drive) => ({ status: 201, body: { domain_id: DOMAIN_ID, drive_id: drive.id } }),
});
