import { deleteAuditBefore } from '../../store/repositories/audit.repository.js';
import type { CoreContext } from '../context.js';

/**
 * Drops records older than the audit retention, a batch per transaction, until none is
 * left (or the node stops); runs on every node's retention clock.
 */
export async function pruneAudit(ctx: CoreContext, stopped: () => boolean = () => false): Promise<number> {
  const before = ctx.clock.now() - ctx.settings.auditRetentionMs;
  let total = 0;
  while (!stopped()) {
    const n = await deleteAuditBefore(ctx.store.db, before, ctx.settings.auditPruneBatchSize);
    total += n;
    if (n < ctx.settings.auditPruneBatchSize) break;
  }
  return total;
}
