import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';

/**
 * POST /v2/drive/delete: 204, as PDS answers. The drive is gone for every caller at once;
 * a background job purges its entries and contents.
 */
export const deleteDrive = userOperation({
  parse: (body) => ({ driveId: fields.requiredId(body, 'drive_id'), bypassLock: fields.boolean(body, 'bypass_governance_retention') }),
  run: ({ salvage, actor }, input) => salvage.drives.delete(actor, input),
  render: () => ({ status: 204 }),
});
