import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { bulkStats } from './model/commands/bulk.js';
import { cancelStats } from './model/commands/cancel.js';
import { commandArbs } from './model/commands/index.js';
import { binSearchStats } from './model/bin-search.js';
import { searchStats } from './model/search.js';
import { restoreStats } from './model/commands/restore-step.js';
import { stepStats } from './model/commands/settle.js';
import { compareBlobs, compareWithModel } from './model/compare.js';
import type { RealDrive } from './model/real-drive.js';
import { TreeModel } from './model/reference-model.js';
import { countingCalls, expectAuditOf } from './model/audit-check.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('core model on %s', (database) => {
  /**
   * Model-based test of the recycle bin: random sequences of create, trash, restore,
   * delete, empty and cancel run against the real core on SQLite and against the reference
   * model in ./model, compared after every step. Reproduce a failure with the seed and path
   * fast-check prints: MODEL_SEED=<seed> MODEL_PATH=<path> npx vitest run test/core/model.test.ts
   * (cancels race a real job engine, so a cancel's landing point may differ on replay; the
   * checks do not depend on it). After each run the audit trail holds one record for each
   * trash, restore, delete, empty and cancel the run asked for, refused ones included, and
   * one for each job's end. Issue 14: the bin's search (with and without include_descendants)
   * is compared after every step too, and the runs trash several items as one deletion
   * event, restore and purge what a query or an event finds (restore_all, delete_all, dry
   * runs first), and set, change and remove a retention lock.
   */
  const seed = Number(process.env.MODEL_SEED ?? 20_240_601);
  // PostgreSQL runs the same commands at three times SQLite's cost per step: fewer runs
  // there keep the suite within CI's time (MODEL_RUNS sets both for a deeper search).
  const numRuns = Number(process.env.MODEL_RUNS ?? (database === 'sqlite' ? 20 : 8));

  let node: TestNode;
  beforeAll(async () => {
    // One entry per purge batch, so a delete of a small folder takes several batches and
    // a cancel can land between them.
    // No search marking of its own: MarkStepCommand runs it, so search is judged before,
    // during and after it.
    node = await startTestNode({ database, purgeBatchSize: 1, pollIntervalMs: 20, searchMarkBatchSize: 0 });
  });
  afterAll(async () => {
    console.info(`model test: ${stepStats.steps} steps; bin search ${JSON.stringify(binSearchStats)}; issue 14 ${JSON.stringify(bulkStats)}; cancels ${JSON.stringify(cancelStats)}; restores ${JSON.stringify(restoreStats)}; search ${JSON.stringify(searchStats)}`);
    await node?.destroy();
  });

  describe(`recycle bin against a reference model (${database})`, () => {
    it('agrees with the model after every step', { timeout: 180_000 }, async () => {
      let drives = 0;
      await fc.assert(
        fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 80, size: 'max' }), async (commands) => {
          const { salvage, adminActor: me, dataDir } = node;
          const drive = await salvage.drives.create(me, { name: `model-${++drives}`, origin: 'pds' });
          const counting = countingCalls(salvage);
          const real: RealDrive = { salvage: counting.salvage, me, driveId: drive.id, dataDir };
          const model = new TreeModel();
          await fc.asyncModelRun(() => ({ model, real }), commands);
          if (process.env.MODEL_DEBUG) console.log('RUN', String(commands));
          await compareWithModel(model, real);
          await compareBlobs(model, real);
          await expectAuditOf(real, counting.calls);
        }),
        { seed, numRuns, path: process.env.MODEL_PATH, endOnFailure: process.env.MODEL_SHRINK !== '1' },
      );
    });
  });
});
