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
  bypassLock?: boolean;
}

/**
 * PUT /v1/drives/{id}/recyclebin {enabled, reservedDays?, bypassGovernanceRetention?}: PDS
 * has no operation for bin settings, so the web UI sets them here (turning the bin off
 * empties it, and the answer carries the clear job; a retention lock may refuse it, or
 * keep what it holds: docs/jobs-api.md).
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
      const bypass = body.bypassGovernanceRetention;
      if (bypass !== undefined && typeof bypass !== 'boolean') throw malformed('bypassGovernanceRetention', 'must be true or false');
      return { driveId, enabled: body.enabled, reservedDays: days, bypassLock: bypass };
    },
    async run({ salvage, actor }, input) {
      // On, off or a new retention: one core operation, the drive owner's (docs/jobs-api.md).
      const job = await salvage.bin.setSettings(actor, input);
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
