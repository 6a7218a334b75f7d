import { AUDIT_ACTIONS, type AuditAction } from '../../../../core/audit/audit-types.js';
import type { AuditQuery } from '../../../../core/audit/read-audit.js';
import { isId } from '../../../../core/ids.js';
import { malformed } from '../../errors.js';
import { driveIdOf } from '../../params.js';

/** An ISO 8601 time (`2026-12-03`, `2026-12-03T08:00:00Z`, ...) -> ms; anything else is malformed. */
function timeOf(query: Record<string, string | undefined>, name: string): number | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  const ms = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) throw malformed(name, 'must be an ISO 8601 time such as 2026-12-03T08:00:00Z');
  return ms;
}

/** The filters `/v1/audit` and its export share: drive, actor (a user id), action, from, to (both inclusive). */
export function parseAuditFilter(query: Record<string, string | undefined>): AuditQuery {
  const action = query.action || undefined;
  if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction)) {
    throw malformed('action', `must be one of ${AUDIT_ACTIONS.join(', ')}`);
  }
  const actor = query.actor || undefined;
  if (actor !== undefined && !isId(actor)) throw malformed('actor', 'must be a user id');
  return {
    driveId: query.drive ? driveIdOf(query.drive, 'drive') : undefined,
    actorId: actor,
    action: action as AuditAction | undefined,
    from: timeOf(query, 'from'),
    to: timeOf(query, 'to'),
  };
}
