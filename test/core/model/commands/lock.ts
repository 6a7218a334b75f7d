import type fc from 'fast-check';
import type { RealDrive } from '../real-drive.js';
import type { ModelLock, TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';
import { bulkStats } from './bulk.js';
import { settle } from './settle.js';

/**
 * Sets, changes or removes the drive's retention lock as an admin. A compliance lock
 * refuses to be removed, made governance or shortened; the lock asked for when it is
 * already the drive's changes nothing and is not sent (it would not be audited).
 */
export class LockCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(readonly lock: ModelLock | null) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const old = model.lock;
    const same = this.lock === null ? old === null : old?.mode === this.lock.mode && old.minDays === this.lock.minDays;
    if (same) return;
    const call = real.salvage.drives.update(real.me, { driveId: real.driveId, lock: this.lock });
    const refusal = model.refuseLock(this.lock);
    if (refusal) {
      await refused(call, refusal);
      bulkStats.locksRefused++;
    } else {
      const drive = await call;
      const set = drive.lock && { mode: drive.lock.mode, minDays: drive.lock.minDays };
      if (JSON.stringify(set) !== JSON.stringify(this.lock)) throw new Error(`lock ${JSON.stringify(drive.lock)}, asked ${JSON.stringify(this.lock)}`);
      model.lock = this.lock;
      bulkStats.locksSet++;
    }
    await settle(model, real);
  }

  toString(): string {
    return `lock ${JSON.stringify(this.lock)}`;
  }
}
