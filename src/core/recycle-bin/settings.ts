import { getDrive, updateDrive } from '../../store/repositories/drives.repository.js';
import { type OpenDriveTx, requireDrive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkRange } from '../errors.js';
import type { Actor, Drive, NamedJob } from '../types.js';
import { withCreatorNames } from '../users/actor-names.js';
import { enqueueClear } from './clear.js';
import { binDisabled } from './trash.js';
import { recordAudit } from '../audit/record.js';

/** A change of the bin's settings, recorded with what it became. */
const recordSettings = (w: OpenDriveTx, at: number, actor: Actor, detail: string): Promise<void> =>
  recordAudit(w.tx, { at, actor, action: 'settings', outcome: 'succeeded', driveId: w.drive.id, name: w.drive.name, detail });

/** How long the bin keeps an item, in days (SPEC section 2). */
export const RETENTION_DAYS = { min: 1, max: 180 } as const;

const checkDays = (days: number): number => checkRange('reservedDays', days, RETENTION_DAYS);

export interface BinAttribute {
  enabled: boolean;
  /** 0 while the bin is disabled, as NAS reports it. */
  reservedDays: number;
  /** Bytes in the bin. */
  size: number;
  enableTime: number | null;
}

export async function binAttribute(ctx: CoreContext, actor: Actor, driveId: string): Promise<BinAttribute> {
  const drive = await requireDrive(ctx.store.db, actor, driveId);
  return {
    enabled: drive.binEnabled,
    reservedDays: drive.binEnabled ? drive.reservedDays : 0,
    size: drive.binBytes,
    enableTime: drive.binEnabled ? drive.binEnabledAt : null,
  };
}

/** Turns the bin on with a retention of `reservedDays` (1-180, default 3 as on NAS). */
export async function enableBin(ctx: CoreContext, actor: Actor, input: { driveId: string; reservedDays?: number }): Promise<Drive> {
  const days = checkDays(input.reservedDays ?? 3);
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId }, async (w) => {
    const now = ctx.clock.now();
    await updateDrive(w, {
      bin_enabled: 1,
      reserved_days: days,
      bin_enabled_at: w.drive.binEnabled ? w.drive.binEnabledAt : now,
      updated_at: now,
    });
    await recordSettings(w, now, actor, `bin enabled, reservedDays ${days}`);
    return (await getDrive(w.tx, w.drive.id))!;
  });
}

/**
 * Changes retention; it applies to what is in the bin already, since expiry compares each
 * item's trash time with the drive's current ReservedDays.
 */
export async function updateRetention(ctx: CoreContext, actor: Actor, input: { driveId: string; reservedDays: number }): Promise<Drive> {
  const days = checkDays(input.reservedDays);
  const drive = await writeVisibleDrive(ctx, { actor, driveId: input.driveId }, async (w) => {
    if (!w.drive.binEnabled) throw binDisabled(w.drive.id);
    const now = ctx.clock.now();
    await updateDrive(w, { reserved_days: days, updated_at: now });
    await recordSettings(w, now, actor, `reservedDays ${w.drive.reservedDays} -> ${days}`);
    return (await getDrive(w.tx, w.drive.id))!;
  });
  ctx.wakeEngine();
  return drive;
}

/** Turns the bin off and purges everything in it (one clear job). */
export async function disableAndCleanBin(ctx: CoreContext, actor: Actor, driveId: string): Promise<NamedJob> {
  const job = await writeVisibleDrive(ctx, { actor, driveId }, async (w) => {
    const created = await enqueueClear(ctx, w, { actor, policy: 'queue' });
    const now = ctx.clock.now();
    await updateDrive(w, { bin_enabled: 0, bin_enabled_at: null, updated_at: now });
    await recordSettings(w, now, actor, 'bin disabled and emptied');
    return created;
  });
  ctx.wakeEngine();
  return (await withCreatorNames(ctx.store.db, [job]))[0]!;
}
