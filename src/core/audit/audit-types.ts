import type { Dialect } from '../types.js';

/** What the audit trail records (issue 14 item 4). */
export const AUDIT_ACTIONS = ['trash', 'restore', 'delete', 'clear', 'expire', 'cancel', 'settings', 'user', 'access_key'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * `succeeded`: done in the request itself; `accepted`: queued as a job (whose end is a
 * record of its own, with the job's final state); `refused`: a domain error answered it
 * and nothing changed. A job's end: succeeded, partially_succeeded, failed or cancelled.
 */
export type AuditOutcome = 'succeeded' | 'accepted' | 'refused' | 'partially_succeeded' | 'failed' | 'cancelled';

/** What one record says besides when, who and how (the record call adds those). */
export interface AuditFacts {
  action: AuditAction;
  outcome: AuditOutcome;
  driveId?: string | null;
  itemId?: string | null;
  name?: string | null;
  path?: string | null;
  bytes?: number | null;
  jobId?: number | null;
  /** A short note: what changed (settings, users), the refusal's error code, a job's counts. */
  detail?: string;
}

export interface AuditRecord {
  id: number;
  at: number;
  /** Null for what Salvage did by itself (retention). */
  actorId: string | null;
  /** The actor's name as it is now (a deleted user's as it was); null with actorId. */
  actorName: string | null;
  dialect: Dialect;
  action: AuditAction;
  driveId: string | null;
  itemId: string | null;
  name: string | null;
  path: string | null;
  bytes: number | null;
  jobId: number | null;
  outcome: AuditOutcome;
  detail: string;
}
