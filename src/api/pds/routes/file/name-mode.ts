import type { CheckNameMode } from '../../../../core/entries/name-mode.js';
import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';

export const CHECK_NAME_MODES = ['ignore', 'auto_rename', 'refuse'] as const;

/** A JSON boolean field; null or absent is undefined, anything else is InvalidParameter. */
export function booleanField(body: JsonObject, field: string): boolean | undefined {
  const v = Object.hasOwn(body, field) ? (body[field] ?? undefined) : undefined;
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw invalid(field, 'must be true or false');
  return v;
}

/**
 * What to do with a taken name, as the SDK's move and copy requests say it: `auto_rename:
 * true` (what the JS SDK sends) wins; otherwise `check_name_mode` where the request has
 * one (copy has none), else `fallback`.
 */
export function nameMode(body: JsonObject, opts: { checkNameMode: boolean; fallback: CheckNameMode }): CheckNameMode {
  const mode = opts.checkNameMode ? fields.oneOf(body, 'check_name_mode', CHECK_NAME_MODES) : undefined;
  return booleanField(body, 'auto_rename') === true ? 'auto_rename' : (mode ?? opts.fallback);
}

/** What a move or a copy names: the entry, the folder it goes to, and an optional new name. */
export interface Relocation {
  driveId: string;
  fileId: string;
  toParentId: string;
  newName: string | undefined;
}

/**
 * The fields move and copy share. `to_drive_id`: Salvage moves and copies within one
 * drive; naming the source's own drive (or nothing) is that drive, another is refused
 * rather than silently ignored.
 */
export function relocation(body: JsonObject): Relocation {
  const driveId = fields.requiredId(body, 'drive_id');
  const to = fields.id(body, 'to_drive_id');
  if (to !== undefined && to !== driveId) throw invalid('to_drive_id', 'must be the drive_id of the source: moves and copies stay in one drive');
  return {
    driveId,
    fileId: fields.requiredId(body, 'file_id'),
    toParentId: fields.requiredId(body, 'to_parent_file_id'),
    newName: fields.string(body, 'new_name') || undefined,
  };
}
