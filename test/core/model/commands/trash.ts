import type fc from 'fast-check';
import { type Pick, pickId } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';
import { settle } from './settle.js';

export class TrashCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly target: Pick) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const id = pickId(model, this.target);
    const call = real.salvage.bin.trash(real.me, { driveId: real.driveId, fileId: id });
    const refusal = model.refuseTrash(id);
    if (refusal) {
      await refused(call, refusal);
    } else {
      const { entry, asyncTaskId } = await call;
      if (asyncTaskId !== '' || entry.trashedAt === null) throw new Error(`trash of ${id} did not finish on the request path`);
      model.trash(id, entry.trashedAt, entry.deletionEventId!);
    }
    await settle(model, real);
  }

  toString(): string {
    return `trash ${JSON.stringify(this.target)}`;
  }
}
