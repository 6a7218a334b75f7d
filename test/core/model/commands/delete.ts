import type fc from 'fast-check';
import { type Pick, pickId } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { finishDelete, startDelete } from './delete-step.js';
import { settle } from './settle.js';

/** Permanent delete (PDS DeleteFile: live entries and bin items alike, queued). */
export class DeleteCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly target: Pick) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const id = pickId(model, this.target);
    const job = await startDelete(model, real, id);
    if (job) await finishDelete(model, real, id, job);
    await settle(model, real);
  }

  toString(): string {
    return `delete ${JSON.stringify(this.target)}`;
  }
}
