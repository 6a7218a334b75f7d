import { userOperation } from '../../operation.js';
import { driveIdOf } from '../../params.js';
import { renderBinSettings } from '../../render/bin-settings.js';

/** GET /v1/drives/{id}/recyclebin: the bin's settings (on/off, retention days) and its size. */
export const getRecycleBin = userOperation(
  { method: 'GET', path: '/v1/drives/:driveId/recyclebin' },
  {
    parse: (req) => driveIdOf(req.params.driveId, 'driveId'),
    run: async ({ salvage, actor }, driveId) => ({
      drive: await salvage.drives.get(actor, driveId),
      attribute: await salvage.bin.attribute(actor, driveId),
    }),
    render: ({ drive, attribute }) => ({ status: 200, body: renderBinSettings(drive, attribute) }),
  },
);
