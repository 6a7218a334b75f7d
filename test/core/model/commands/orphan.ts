import type fc from 'fast-check';
import { ROOT, type TreeModel } from '../reference-model.js';
import type { RealDrive } from '../real-drive.js';
import { finishDelete, startDelete } from './delete-step.js';
import { finishRestore, startRestore } from './restore-step.js';
import { settle } from './settle.js';

/**
 * The rule random sequences reach least often: an entry is trashed, then the folder it
 * came from is purged for good. It stays in the bin (detached), and its restore goes
 * under root. Picks a live entry below some folder; does nothing if there is none.
 */
export class OrphanCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly n: number) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const candidates = model.idsWhere('live').filter((id) => id !== ROOT && model.entries.get(id)!.parentId !== ROOT);
    if (candidates.length === 0) return;
    const id = candidates[this.n % candidates.length]!;
    const folder = model.entries.get(id)!.parentId!;
    const { entry } = await real.salvage.bin.trash(real.me, { driveId: real.driveId, fileId: id });
    model.trash(id, entry.trashedAt!, entry.deletionEventId!);
    const job = await startDelete(model, real, folder);
    if (job) await finishDelete(model, real, folder, job);
    await settle(model, real);
    await finishRestore(model, real, await startRestore(real, id));
    await settle(model, real);
  }

  toString(): string {
    return `orphan ${this.n}`;
  }
}
