import fc from 'fast-check';
import { binPickArb, livePickArb, parentPickArb, pickArb } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { CreateMode, TreeModel } from '../reference-model.js';
import { type BulkQuery, DeleteAllCommand, RestoreAllCommand } from './bulk.js';
import { CancelCommand, type CancelTiming } from './cancel.js';
import { ClearCommand } from './clear.js';
import { CreateCommand } from './create.js';
import { CreateTreeCommand } from './create-tree.js';
import { DeleteCommand } from './delete.js';
import { DeleteThenRestoreCommand } from './delete-then-restore.js';
import { LockCommand } from './lock.js';
import { MarkStepCommand } from './mark-step.js';
import { OrphanCommand } from './orphan.js';
import { ReplaceCommand } from './replace.js';
import { RestoreCommand } from './restore.js';
import { TrashCommand } from './trash.js';
import { TrashEventCommand } from './trash-event.js';

/**
 * A small name pool, so clashes are common: dotted names exercise where the
 * `(restored)` tag goes, and names that look like tags already exercise the numbering.
 */
const nameArb = fc.constantFrom('a', 'a', 'b', 'a.txt', 'a.txt', 'x.tar.gz', '.rc', 'a (restored).txt', 'a(1).txt', 'b (restored)');
const modeArb = fc.constantFrom<CreateMode>('ignore', 'ignore', 'auto_rename', 'refuse');
const contentArb = fc.uint8Array({ maxLength: 40 });
const timingArb: fc.Arbitrary<CancelTiming> = fc.oneof(
  fc.constantFrom<CancelTiming>('when-running', 'after-progress'),
  fc.constantFrom(0, 2, 10).map((afterMs): CancelTiming => ({ afterMs })),
);

type Cmd = fc.AsyncCommand<TreeModel, RealDrive>;

/** What restore_all and delete_all find: a deletion event most often (the undo), else a substring or everything. */
const bulkQueryArb: fc.Arbitrary<BulkQuery> = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: 1000 }).map((n): BulkQuery => ({ kind: 'event', n })) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'TXT', '.rc').map((value): BulkQuery => ({ kind: 'name', value })) },
  { weight: 1, arbitrary: fc.constant<BulkQuery>({ kind: 'all' }) },
);

const cancelArb = fc
  .tuple(fc.constantFrom<'delete' | 'clear'>('delete', 'delete', 'clear'), pickArb, timingArb, fc.boolean())
  .map(([k, t, timing, r]): Cmd => new CancelCommand(k, t, timing, r));

/** Every command, weighted towards building trees so that deletes and restores have work. */
export const commandArbs: fc.Arbitrary<Cmd>[] = [
  fc.tuple(parentPickArb, nameArb, modeArb).map(([p, n, m]): Cmd => new CreateCommand(p, n, m, undefined)),
  fc.tuple(parentPickArb, nameArb, modeArb).map(([p, n, m]): Cmd => new CreateCommand(p, n, m, undefined)),
  fc.tuple(parentPickArb, nameArb, modeArb, contentArb).map(([p, n, m, c]): Cmd => new CreateCommand(p, n, m, c)),
  fc.tuple(parentPickArb, nameArb, modeArb, contentArb).map(([p, n, m, c]): Cmd => new CreateCommand(p, n, m, c)),
  fc.tuple(parentPickArb, fc.integer({ min: 3, max: 12 })).map(([p, n]): Cmd => new CreateTreeCommand(p, n)),
  fc.tuple(parentPickArb, fc.integer({ min: 3, max: 12 })).map(([p, n]): Cmd => new CreateTreeCommand(p, n)),
  livePickArb.map((t): Cmd => new TrashCommand(t)),
  livePickArb.map((t): Cmd => new TrashCommand(t)),
  livePickArb.map((t): Cmd => new TrashCommand(t)),
  binPickArb.map((t): Cmd => new RestoreCommand(t)),
  binPickArb.map((t): Cmd => new RestoreCommand(t)),
  fc.tuple(livePickArb, contentArb).map(([t, c]): Cmd => new ReplaceCommand(t, c)),
  binPickArb.map((t): Cmd => new RestoreCommand(t)),
  pickArb.map((t): Cmd => new DeleteCommand(t)),
  fc.tuple(pickArb, binPickArb).map(([d, r]): Cmd => new DeleteThenRestoreCommand(d, r)),
  fc.constant<Cmd>(new ClearCommand()),
  fc.nat({ max: 1000 }).map((n): Cmd => new OrphanCommand(n)),
  cancelArb,
  cancelArb,
  // The search marking, a few small batches (search judged mid-way) or to the end.
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).map(([n, b]): Cmd => new MarkStepCommand(n, b)),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).map(([n, b]): Cmd => new MarkStepCommand(n, b)),
  fc.constant<Cmd>(new MarkStepCommand(Infinity, 2)),
  // Issue 14: deletion events, bulk restore and purge, the retention lock (rare: a compliance lock stays for the run).
  fc.array(livePickArb, { minLength: 2, maxLength: 4 }).map((t): Cmd => new TrashEventCommand(t)),
  fc.array(livePickArb, { minLength: 2, maxLength: 4 }).map((t): Cmd => new TrashEventCommand(t)),
  bulkQueryArb.map((q): Cmd => new RestoreAllCommand(q)),
  bulkQueryArb.map((q): Cmd => new RestoreAllCommand(q)),
  fc.tuple(bulkQueryArb, fc.boolean()).map(([q, b]): Cmd => new DeleteAllCommand(q, b)),
  fc
    .oneof(
      { weight: 3, arbitrary: fc.record({ mode: fc.constant<'governance'>('governance'), minDays: fc.constantFrom(1, 2) }) },
      { weight: 1, arbitrary: fc.record({ mode: fc.constant<'compliance'>('compliance'), minDays: fc.constantFrom(1, 2) }) },
      { weight: 2, arbitrary: fc.constant(null) },
    )
    .map((lock): Cmd => new LockCommand(lock)),
];
