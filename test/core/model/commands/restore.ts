import type fc from 'fast-check';
import { type Pick, pickId } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { finishRestore, startRestore } from './restore-step.js';
import { settle } from './settle.js';

/** Restores to the original place (PDS: policy queue, no target). */
export class RestoreCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly target: Pick) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    await finishRestore(model, real, await startRestore(real, pickId(model, this.target)));
    await settle(model, real);
  }

  toString(): string {
    return `restore ${JSON.stringify(this.target)}`;
  }
}
