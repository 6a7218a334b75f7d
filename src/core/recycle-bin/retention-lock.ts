import { binRootsTrashedAfter } from '../../store/repositories/bin.repository.js';
import { updateDrive } from '../../store/repositories/drives.repository.js';
import type { Db } from '../../store/store.js';
import type { OpenDriveTx } from '../access.js';
import { recordAudit } from '../audit/record.js';
import { checkRange, DomainError, type DomainField, invalidInput } from '../errors.js';
import type { Actor, Drive, RetentionLock } from '../types.js';
import { binDisabled } from './trash.js';

/*
 * The retention lock of a drive's bin (issue 14 item 5): every bin item is kept at least
 * `minDays` from its trash time. Purges check it here, and only here: a permanent delete
 * and a drive deletion up front, a clear job item by item (clear.ts). Expiry needs no
 * check: ReservedDays is never below the lock, so nothing expires while it is held.
 */

const DAY_MS = 86_400_000;

export const LOCK_MODES: readonly RetentionLock['mode'][] = ['governance', 'compliance'];

/** Until when the drive's lock holds an item trashed at `trashedAt`; null: no lock. */
export const heldUntil = (drive: Pick<Drive, 'lock'>, trashedAt: number): number | null =>
  drive.lock === null ? null : trashedAt + drive.lock.minDays * DAY_MS;

/** Items trashed after this are held by the lock at `now`; null: the lock holds nothing. */
export const heldSince = (drive: Pick<Drive, 'lock'>, now: number): number | null =>
  drive.lock === null ? null : now - drive.lock.minDays * DAY_MS;

/** The lock holds this bin item: nothing was changed. */
export const heldItem = (driveId: string, itemId: string, until: number): DomainError =>
  new DomainError('RetentionLocked', `bin item ${itemId} of drive ${driveId} is held by its retention lock until ${new Date(until).toISOString()}`, {
    id: driveId,
    itemId,
    until,
  });

/** A change the lock forbids (not a purge of one item): `reason` completes "<field> ...". */
const lockRefused = (driveId: string, field: DomainField, reason: string): DomainError =>
  new DomainError('RetentionLocked', `${field} ${reason} (drive ${driveId})`, { id: driveId, field, reason });

/**
 * Whether a purge may pass the lock because the actor asked to (`bypass`). Only an admin
 * may ask, and only a governance lock gives way; under a compliance lock the request is
 * refused as any other would be. This is the one place a bypass is decided: the job
 * records it (`bypassLock` in its parameters), and so does anything that records who did what.
 */
export function lockBypass(actor: Actor, drive: Pick<Drive, 'lock'>, bypass: boolean | undefined): boolean {
  if (bypass !== true) return false;
  if (!actor.isAdmin) throw new DomainError('Forbidden', 'only an admin may bypass a retention lock', { field: 'bypassLock', reason: 'may be set by an admin only' });
  return drive.lock?.mode === 'governance';
}

/** Refuses to purge a bin item (trashed at `trashedAt`) the lock holds, unless bypassed. */
export function refuseIfHeld(drive: Drive, item: { id: string; trashedAt: number }, at: { now: number; bypassed: boolean }): void {
  const until = heldUntil(drive, item.trashedAt);
  if (until !== null && until > at.now && !at.bypassed) throw heldItem(drive.id, item.id, until);
}

/** The oldest bin item the lock holds at `now`, if any (one a queued restore claimed included). */
export async function firstHeldItem(db: Db, drive: Drive, now: number): Promise<{ id: string; until: number } | undefined> {
  const since = heldSince(drive, now);
  if (since === null) return undefined;
  const [item] = await binRootsTrashedAfter(db, drive.id, { after: since, limit: 1, withClaimed: true });
  return item && { id: item.id, until: heldUntil(drive, item.trashedAt!)! };
}

/**
 * Refuses to purge the whole bin while the lock holds an item in it: always under
 * compliance, under governance unless bypassed (drive deletion, turning the bin off).
 */
export async function refuseIfAnyHeld(w: OpenDriveTx, now: number, bypassed: boolean): Promise<void> {
  if (bypassed) return;
  const held = await firstHeldItem(w.tx, w.drive, now);
  if (held) throw heldItem(w.drive.id, held.id, held.until);
}

/** ReservedDays may not go below the lock: the lock is a minimum of what the bin keeps. */
export function refuseShorterRetention(drive: Drive, days: number): void {
  if (drive.lock !== null && days < drive.lock.minDays) {
    throw lockRefused(drive.id, 'reservedDays', `cannot be less than the retention lock's ${drive.lock.minDays} days`);
  }
}

/**
 * Sets, changes or (with null) removes the lock, in the caller's write on the drive.
 * Admins only; days from 1 to the bin's ReservedDays. A compliance lock is only ever
 * lengthened: never shortened, removed or turned into a governance lock. Sending the
 * lock a drive has already changes nothing, so anyone with the owner's role may echo it.
 * A change is recorded in the audit trail as a bin setting.
 */
export async function setLockIn(w: OpenDriveTx, change: { actor: Actor; lock: RetentionLock | null; now: number }): Promise<void> {
  const { actor, lock, now } = change;
  const old = w.drive.lock;
  const same = lock === null ? old === null : old !== null && old.mode === lock.mode && old.minDays === lock.minDays;
  if (same) return;
  if (!actor.isAdmin) throw new DomainError('Forbidden', 'only an admin may set a retention lock', { field: 'lockMode', reason: 'may be set by an admin only' });
  if (lock !== null) {
    if (!LOCK_MODES.includes(lock.mode)) throw invalidInput('lockMode', 'must be governance or compliance');
    if (!w.drive.binEnabled) throw binDisabled(w.drive.id);
    checkRange('lockDays', lock.minDays, { min: 1, max: w.drive.reservedDays });
  }
  if (old?.mode === 'compliance') {
    if (lock === null) throw lockRefused(w.drive.id, 'lockMode', 'cannot be removed from a compliance lock');
    if (lock.mode !== 'compliance') throw lockRefused(w.drive.id, 'lockMode', 'cannot change a compliance lock to governance');
    if (lock.minDays < old.minDays) throw lockRefused(w.drive.id, 'lockDays', `cannot be less than the compliance lock's ${old.minDays} days: it can be lengthened, not shortened`);
  }
  await updateDrive(w, { lock_mode: lock?.mode ?? null, lock_min_days: lock?.minDays ?? null });
  // A change of what the bin keeps: a bin setting of the audit trail, as ReservedDays is.
  const detail = lock === null ? 'retention lock removed' : `retention lock ${lock.mode}, ${lock.minDays} day${lock.minDays === 1 ? '' : 's'}`;
  await recordAudit(w.tx, { at: now, actor, action: 'settings', outcome: 'succeeded', driveId: w.drive.id, name: w.drive.name, detail });
}
