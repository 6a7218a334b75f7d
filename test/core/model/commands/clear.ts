import type fc from 'fast-check';
import { expect } from 'vitest';
import { finalJob, type RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { settle } from './settle.js';

/** Empties the bin (PDS ClearRecyclebin) and lets the clear job run to the end; a retention lock keeps it all. */
export class ClearCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const inBin = model.idsWhere('binned').length;
    const started = await real.salvage.bin.clear(real.me, { driveId: real.driveId, policy: 'queue' });
    expect(await real.salvage.bin.list(real.me, { driveId: real.driveId }), 'the bin looks empty at once').toMatchObject({ items: [] });
    const job = await finalJob(real, started);
    if (model.lock) {
      // The lock holds every bin item (all trashed minutes ago): none goes, each is a failed item, and the bin shows again.
      const roots = model.binRoots().length;
      expect({ state: job.state, processed: job.processed, failed: job.failed }, 'clear under a lock').toEqual({
        state: roots === 0 ? 'succeeded' : 'failed',
        processed: 0,
        failed: roots,
      });
      return settle(model, real);
    }
    expect({ state: job.state, total: job.total, processed: job.processed }).toEqual({ state: 'succeeded', total: inBin, processed: inBin });
    model.clear();
    await settle(model, real);
  }

  toString(): string {
    return 'clear';
  }
}
