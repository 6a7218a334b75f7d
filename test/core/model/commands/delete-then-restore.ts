import type fc from 'fast-check';
import { type Pick, pickId } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { finishDelete, startDelete } from './delete-step.js';
import { finishRestore, startRestore } from './restore-step.js';
import { settle } from './settle.js';

/**
 * A restore asked while a delete job holds the drive: it queues behind the delete (or
 * runs at once if the delete already ended) and must land exactly as if asked after it.
 * Restoring something the delete is purging is refused at once.
 */
export class DeleteThenRestoreCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly deleteTarget: Pick,
    readonly restoreTarget: Pick,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const deleteId = pickId(model, this.deleteTarget);
    const restoreId = pickId(model, this.restoreTarget);
    const job = await startDelete(model, real, deleteId);
    const restore = await startRestore(real, restoreId);
    if (job) await finishDelete(model, real, deleteId, job);
    await finishRestore(model, real, restore);
    await settle(model, real);
  }

  toString(): string {
    return `delete ${JSON.stringify(this.deleteTarget)} then restore ${JSON.stringify(this.restoreTarget)}`;
  }
}
