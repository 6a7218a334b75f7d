import { pds } from '../../api/pds.js';
import { describeError } from '../../lib/errors.js';

export interface TrashOutcome {
  moved: number;
  /** "name: why" for each item that did not go. */
  failures: string[];
  /** The deletion event every trashed item joined: Undo restores exactly it. */
  eventId?: string;
}

const BATCH = 100;

/**
 * Trashes the ids 100 to a /v2/batch call, all in one deletion event: the first batch's,
 * passed on to the next ones (docs/pds.md, "deletion events"), so Undo is one step.
 */
export async function trashInBatches(driveId: string, ids: string[], names: Map<string, string>, eventId?: string): Promise<TrashOutcome> {
  const outcome: TrashOutcome = { moved: 0, failures: [], eventId };
  for (let at = 0; at < ids.length; at += BATCH) {
    try {
      const { responses } = await pds.trashMany(driveId, ids.slice(at, at + BATCH), outcome.eventId);
      for (const r of responses) {
        if (r.status >= 200 && r.status < 300) {
          outcome.moved += 1;
          outcome.eventId ??= r.body?.deletion_event_id || undefined;
        } else {
          outcome.failures.push(`${names.get(r.id) ?? r.id}: ${r.body?.message ?? `refused (${r.status})`}`);
        }
      }
    } catch (err) {
      outcome.failures.push(describeError(err));
    }
  }
  return outcome;
}
