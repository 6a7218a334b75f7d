import { getDrive, updateDrive } from '../../store/repositories/drives.repository.js';
import { type OpenDriveTx, requireDrive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { checkRange } from '../errors.js';
import { withCreatorNames } from '../users/actor-names.js';
import type { Actor, Drive, Job, NamedJob } from '../types.js';
import { enqueueClear } from './clear.js';
import { refuseIfAnyHeld, refuseShorterRetention } from './retention-lock.js';
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
  const drive = await requireDrive(ctx.store.db, { actor, driveId, need: 'viewer' });
  return {
    enabled: drive.binEnabled,
    reservedDays: drive.binEnabled ? drive.reservedDays : 0,
    size: drive.binBytes,
    enableTime: drive.binEnabled ? drive.binEnabledAt : null,
  };
}

// Each change as a step of a write that holds the drive's lock and has checked the owner
// role; the NAS actions make one each, the Jobs API's PUT one or none (setBinSettings).

// Each records itself in the audit trail, in the same transaction.

async function enableIn(ctx: CoreContext, w: OpenDriveTx, input: { actor: Actor; days: number }): Promise<void> {
  refuseShorterRetention(w.drive, input.days);
  const now = ctx.clock.now();
  await updateDrive(w, { bin_enabled: 1, reserved_days: input.days, bin_enabled_at: w.drive.binEnabled ? w.drive.binEnabledAt : now, updated_at: now });
  await recordSettings(w, now, input.actor, `bin enabled, reservedDays ${input.days}`);
}

async function retainIn(ctx: CoreContext, w: OpenDriveTx, input: { actor: Actor; days: number }): Promise<void> {
  if (!w.drive.binEnabled) throw binDisabled(w.drive.id);
  refuseShorterRetention(w.drive, input.days);
  const now = ctx.clock.now();
  await updateDrive(w, { reserved_days: input.days, updated_at: now });
  await recordSettings(w, now, input.actor, `reservedDays ${w.drive.reservedDays} -> ${input.days}`);
}

/**
 * Turning the bin off empties it. A compliance lock that holds an item refuses it up
 * front; under a governance lock the clear job leaves what the lock holds (in the bin,
 * which is off) and reports it, unless an admin bypasses the lock.
 */
async function disableIn(ctx: CoreContext, w: OpenDriveTx, actor: Actor, bypassLock?: boolean): Promise<Job> {
  if (w.drive.lock?.mode === 'compliance') await refuseIfAnyHeld(w, ctx.clock.now(), false);
  const created = await enqueueClear(ctx, w, { actor, policy: 'queue', bypassLock });
  const now = ctx.clock.now();
  await updateDrive(w, { bin_enabled: 0, bin_enabled_at: null, updated_at: now });
  await recordSettings(w, now, actor, 'bin disabled and emptied');
  return created;
}

/** Turns the bin on with a retention of `reservedDays` (1-180, default 3 as on NAS). */
export async function enableBin(ctx: CoreContext, actor: Actor, input: { driveId: string; reservedDays?: number }): Promise<Drive> {
  const days = checkDays(input.reservedDays ?? 3);
  return writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    await enableIn(ctx, w, { actor, days });
    return (await getDrive(w.tx, w.drive.id))!;
  });
}

/**
 * Changes retention; it applies to what is in the bin already, since expiry compares each
 * item's trash time with the drive's current ReservedDays.
 */
export async function updateRetention(ctx: CoreContext, actor: Actor, input: { driveId: string; reservedDays: number }): Promise<Drive> {
  const days = checkDays(input.reservedDays);
  const drive = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    await retainIn(ctx, w, { actor, days });
    return (await getDrive(w.tx, w.drive.id))!;
  });
  ctx.wakeEngine();
  return drive;
}

/** Turns the bin off and purges everything in it (one clear job). */
export async function disableAndCleanBin(ctx: CoreContext, actor: Actor, input: { driveId: string; bypassLock?: boolean }): Promise<NamedJob> {
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, (w) => disableIn(ctx, w, actor, input.bypassLock));
  ctx.wakeEngine();
  return (await withCreatorNames(ctx.store.db, [job]))[0]!;
}

/**
 * The bin's settings as a whole (the Jobs API's PUT, which the web UI sends): on with a
 * retention, or off, whatever they were. Turning it off empties it, as
 * DisableAndCleanRecycleBin does, and the clear job is returned; turning it on takes
 * `reservedDays` (default 3); on already, `reservedDays` changes the retention. One
 * transaction, and the owner's even when nothing changes, so the answer never depends on
 * what the settings happened to be.
 */
export async function setBinSettings(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; enabled: boolean; reservedDays?: number; bypassLock?: boolean },
): Promise<NamedJob | null> {
  const days = input.reservedDays === undefined ? undefined : checkDays(input.reservedDays);
  const job = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'owner' }, async (w) => {
    if (!input.enabled) return w.drive.binEnabled ? disableIn(ctx, w, actor, input.bypassLock) : null;
    if (!w.drive.binEnabled) await enableIn(ctx, w, { actor, days: days ?? 3 });
    else if (days !== undefined) await retainIn(ctx, w, { actor, days });
    return null;
  });
  ctx.wakeEngine();
  return job && (await withCreatorNames(ctx.store.db, [job]))[0]!;
}
