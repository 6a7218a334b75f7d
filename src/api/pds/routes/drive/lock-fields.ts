import type { RetentionLock } from '../../../../core/types.js';
import { invalid, missing, outOfRange } from '../../errors.js';
import type { JsonObject } from '../../fields.js';

const FIELD = 'recyclebin_lock';
const MODES = ['governance', 'compliance', 'none'] as const;

/**
 * `recyclebin_lock` of /v2/drive/update (a Salvage addition, docs/pds.md): absent or null
 * leaves the lock as it is; `{mode, min_retention_days}` sets it; `{mode: "none"}` removes
 * it (JSON null means "not set" in PDS requests, so it cannot mean "remove"). The days are
 * checked against the bin's ReservedDays by the core.
 */
export function lockOf(body: JsonObject): RetentionLock | null | undefined {
  const v = Object.hasOwn(body, FIELD) ? (body[FIELD] ?? undefined) : undefined;
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(FIELD, 'must be an object with mode and min_retention_days');
  const lock = v as JsonObject;
  const mode = lock.mode ?? undefined;
  if (mode === undefined) throw missing(`${FIELD}.mode`);
  if (typeof mode !== 'string' || !(MODES as readonly string[]).includes(mode)) throw invalid(`${FIELD}.mode`, `must be one of ${MODES.join(', ')}`);
  if (mode === 'none') return null;
  const days = lock.min_retention_days ?? undefined;
  if (days === undefined) throw missing(`${FIELD}.min_retention_days`);
  if (typeof days !== 'number' || !Number.isSafeInteger(days)) throw invalid(`${FIELD}.min_retention_days`, 'must be an integer');
  if (days < 1 || days > 180) throw outOfRange(`${FIELD}.min_retention_days`, 'between 1 and 180, and at most the recycle bin\'s ReservedDays');
  return { mode: mode as RetentionLock['mode'], minDays: days };
}
