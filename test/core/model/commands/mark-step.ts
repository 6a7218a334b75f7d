import type fc from 'fast-check';
import { markStep } from '../../../../src/core/recycle-bin/search-marks.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { settle } from './settle.js';

/**
 * Runs the search marking (which the model node does not run by itself) for `steps`
 * batches of `batchSize` rows, or until it has nothing left (steps = Infinity). The model
 * does not change: marking must not change what anything shows.
 */
export class MarkStepCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly steps: number,
    readonly batchSize: number,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    for (let i = 0; i < this.steps; i++) {
      if (!(await markStep(real.salvage.ctx, this.batchSize, real.driveId))) break;
    }
    await settle(model, real);
  }

  toString(): string {
    return `mark ${this.steps} x ${this.batchSize}`;
  }
}
