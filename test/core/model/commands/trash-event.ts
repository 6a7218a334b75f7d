import type fc from 'fast-check';
import { type Pick, pickId } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';
import { bulkStats } from './bulk.js';
import { settle } from './settle.js';

/**
 * Several trashes as one deletion event (the UI's multi-select, a batch): the first call
 * makes the event, the others pass its id on. A target already in the bin by then (a child
 * of one trashed before it) is refused, as any trash of what is not live.
 */
export class TrashEventCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly targets: Pick[]) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    let eventId: string | undefined;
    for (const target of this.targets) {
      const id = pickId(model, target);
      const call = real.salvage.bin.trash(real.me, { driveId: real.driveId, fileId: id, ...(eventId && { deletionEventId: eventId }) });
      const refusal = model.refuseTrash(id);
      if (refusal) {
        await refused(call, refusal);
        continue;
      }
      const { entry } = await call;
      if (eventId !== undefined && entry.deletionEventId !== eventId) throw new Error(`trash of ${id} did not join event ${eventId}`);
      eventId = entry.deletionEventId!;
      model.trash(id, entry.trashedAt!, eventId);
      bulkStats.eventTrashes++;
    }
    await settle(model, real);
  }

  toString(): string {
    return `trash as one event ${JSON.stringify(this.targets)}`;
  }
}
