import {
  type DeadProperty,
  copyDeadProperties,
  deadPropertiesOf,
  putDeadProperty,
  removeDeadProperty,
} from '../../store/repositories/dead-properties.repository.js';
import { requireDrive, requireLive, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { invalidInput } from '../errors.js';
import type { Actor } from '../types.js';

export type { DeadProperty };

/** A property value may be at most this long: the whole element, serialized. */
export const DEAD_PROPERTY_MAX_BYTES = 64 * 1024;

/** The dead properties of some entries of a drive the actor may read (one query for a page). */
export async function readDeadProperties(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; entryIds: readonly string[] },
): Promise<Map<string, DeadProperty[]>> {
  const drive = await requireDrive(ctx.store.db, { actor, driveId: input.driveId, need: 'viewer' });
  return deadPropertiesOf(ctx.store.db, drive.id, input.entryIds);
}

/** One PROPPATCH: its sets and removes, in order, all or nothing (RFC 4918 9.2). */
export interface PropertyChange {
  set?: DeadProperty;
  remove?: { ns: string; name: string };
}

export async function changeDeadProperties(
  ctx: CoreContext,
  actor: Actor,
  input: { driveId: string; fileId: string; changes: readonly PropertyChange[] },
): Promise<void> {
  for (const c of input.changes) {
    if (c.set && Buffer.byteLength(c.set.xml) > DEAD_PROPERTY_MAX_BYTES) throw invalidInput('content', `must be at most ${DEAD_PROPERTY_MAX_BYTES} bytes`);
  }
  await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const where = await requireLive(w.tx, { drive: w.drive, id: input.fileId, field: 'fileId' });
    const id = where.chain[0]!.id;
    for (const c of input.changes) {
      if (c.set) await putDeadProperty(w.tx, w.drive.id, id, c.set);
      else if (c.remove) await removeDeadProperty(w.tx, w.drive.id, id, c.remove);
    }
  });
}

/** A copy takes its source's dead properties (WebDAV COPY; RFC 4918 9.8.2). */
export async function copyDeadPropertiesTo(ctx: CoreContext, actor: Actor, input: { driveId: string; fromId: string; toId: string }): Promise<void> {
  await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    await copyDeadProperties(w.tx, w.drive.id, input.fromId, input.toId);
  });
}
