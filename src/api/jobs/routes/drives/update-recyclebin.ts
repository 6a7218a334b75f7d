import type { Salvage } from '../../../../core/salvage.js';
import type { Actor, NamedJob } from '../../../../core/types.js';
import { malformed } from '../../errors.js';
import { userOperation } from '../../operation.js';
import { driveIdOf, objectBody } from '../../params.js';
import { bucketNamesOf } from '../../render/bucket-names.js';
import { renderBinSettings } from '../../render/bin-settings.js';
import { renderJobStatus } from '../../render/job-status.js';

interface Input {
  driveId: string;
  enabled: boolean;
  reservedDays?: number;
}

/**
 * The three changes the core knows: turn on (with retention), change retention, turn off.
 * Turning off empties the bin, as NAS DisableAndCleanRecycleBin does (SPEC section 2): the
 * answer then carries the clear job.
 */
async function apply(salvage: Salvage, actor: Actor, input: Input): Promise<NamedJob | undefined> {
  const current = await salvage.bin.attribute(actor, input.driveId);
  if (!input.enabled) return current.enabled ? salvage.bin.disableAndClean(actor, input.driveId) : undefined;
  if (!current.enabled) await salvage.bin.enable(actor, { driveId: input.driveId, reservedDays: input.reservedDays });
  else if (input.reservedDays !== undefined) await salvage.bin.updateRetention(actor, { driveId: input.driveId, reservedDays: input.reservedDays });
  return undefined;
}

/**
 * PUT /v1/drives/{id}/recyclebin {enabled, reservedDays?}: PDS has no operation for bin
 * settings, so the web UI reaches the core's NAS-equivalent operations here.
 */
export const updateRecycleBin = userOperation(
  { method: 'PUT', path: '/v1/drives/:driveId/recyclebin' },
  {
    parse(req): Input {
      const driveId = driveIdOf(req.params.driveId, 'driveId');
      const body = objectBody(req.body);
      if (typeof body.enabled !== 'boolean') throw malformed('enabled', 'must be true or false');
      const days = body.reservedDays;
      if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 180)) {
        throw malformed('reservedDays', 'must be an integer from 1 to 180');
      }
      return { driveId, enabled: body.enabled, reservedDays: days };
    },
    async run({ salvage, actor }, input) {
      const job = await apply(salvage, actor, input);
      const drive = await salvage.drives.get(actor, input.driveId);
      const names = await bucketNamesOf(salvage, actor, job ? [job] : []);
      return { drive, attribute: await salvage.bin.attribute(actor, input.driveId), job, names };
    },
    render: ({ drive, attribute, job, names }) => ({
      status: 200,
      body: { ...renderBinSettings(drive, attribute), job: job ? renderJobStatus(job, names.get(job.driveId) ?? '') : null },
    }),
  },
);
