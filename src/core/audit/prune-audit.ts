import { deleteAuditBefore } from '../../store/repositories/audit.repository.js';
import type { CoreContext } from '../context.js';

/**
 * Drops records older than the audit retention, a batch per transaction (so no write
 * holds the table long), until none is left; runs on every node's retention clock.
 * Nodes pruning at once delete disjoint or already-gone rows: nothing to coordinate.
 */
export async function pruneAudit(ctx: CoreContext): Promise<number> {
  const before = ctx.clock.now() - ctx.settings.auditRetentionMs;
  let total = 0;
  for (;;) {
    const n = await deleteAuditBefore(ctx.store.db, before, ctx.settings.auditPruneBatchSize);
    total += n;
    if (n < ctx.settings.auditPruneBatchSize) break;
  }
  return total;
}
