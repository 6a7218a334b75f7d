import { expect } from 'vitest';
import type { Job } from '../../../../src/core/types.js';
import { finalJob, type RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';

/** A permanent delete as asked of the core: its job, or undefined when rightly refused. */
export async function startDelete(model: TreeModel, real: RealDrive, id: string): Promise<Job | undefined> {
  const call = real.salvage.bin.delete(real.me, { driveId: real.driveId, fileId: id, policy: 'queue', binOnly: false });
  const refusal = model.refuseDelete(id);
  if (refusal) {
    await refused(call, refusal);
    return undefined;
  }
  return call;
}

/**
 * A delete job that ran to the end: it purged exactly the target's subtree (nested trash
 * roots excepted), reported that many entries as its total and as processed, and the
 * model follows.
 */
export async function finishDelete(model: TreeModel, real: RealDrive, id: string, started: Job): Promise<void> {
  const job = await finalJob(real, started);
  const { purged } = model.purgeSet(id);
  expect({ state: job.state, total: job.total, processed: job.processed, failed: job.failed }, `delete of ${id}`).toEqual({
    state: 'succeeded',
    total: purged.length,
    processed: purged.length,
    failed: 0,
  });
  model.purge(id);
}
