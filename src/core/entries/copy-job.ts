import type { StagedBlob } from '../../blobs/local-blob-store.js';
import { reserveBytes } from '../../store/repositories/drives.repository.js';
import { addToTree, insertEntry, listChildren } from '../../store/repositories/entries.repository.js';
import type { DriveTx } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import type { JobHandler } from '../jobs/handler.js';
import type { JobRun, StepOutcome } from '../jobs/job-run.js';
import { chainIds, locate, pathOf } from '../tree/locate.js';
import type { CopyFrame, Drive, Entry } from '../types.js';
import { copyRow, stageCopyOf } from './copy-rows.js';
import { resolveName } from './name-mode.js';
import { publishCommitted } from '../blobs/publish-committed.js';

/**
 * Bytes one batch stages at most (a file bigger than this is a batch of its own): bytes
 * are copied outside the transaction, but the batch's staged files wait for its commit.
 */
const BATCH_BYTES = 64 * 1024 * 1024;

/** What a batch will copy: children of the working folder, staged before its transaction. */
interface Plan {
  frame: CopyFrame;
  items: { child: Entry; staged?: StagedBlob }[];
}

/**
 * Fills a folder's copy, depth first, one batch a transaction. A batch reads the next
 * children of the folder on top of the stack (by name, then id: a keyset on the listing
 * index), stopping after the first folder, which it copies and descends into next, so the
 * stack is as deep as the tree, never as wide. File bytes are staged before the batch's
 * transaction and published after it commits (a crash in between is settled by the blob
 * store's recovery at start, as for uploads). The stack, with each folder's position,
 * commits with the batch in the job's parameters, so a restart or another node resumes
 * right after the last committed batch. A cancel is seen between batches and keeps what
 * was copied. The copy reflects the tree as it is walked, not a snapshot: entries added
 * or removed meanwhile may or may not be copied; a folder that left the live tree (source
 * or copy) is skipped; the copy itself is never copied into itself.
 */
export const copyJob: JobHandler<'copy'> = {
  async run(ctx, run) {
    await run.step(async () => ({ phase: 'applying' }));
    for (;;) {
      const frame = run.job.params.stack.at(-1);
      if (frame === undefined) return;
      const plan = await planBatch(ctx, run, frame);
      // Published only once the batch that references them committed; else removed.
      let used = false;
      try {
        let planUsed = false;
        const went = await run.step(async (w) => {
          const outcome = await applyPlan(ctx, w, { run, plan });
          planUsed = outcome.used;
          return outcome.step;
        });
        used = went && planUsed;
        if (!went) return;
      } finally {
        for (const { staged } of plan.items) {
          if (!staged) continue;
          if (used) await publishCommitted(ctx, staged.blobId);
          else await ctx.blobs.discard(staged.blobId);
        }
      }
    }
  },
};

async function planBatch(ctx: CoreContext, run: JobRun<'copy'>, frame: CopyFrame): Promise<Plan> {
  const children = await listChildren(ctx.store.db, {
    driveId: run.job.driveId,
    parentId: frame.src,
    orderBy: 'name',
    direction: 'asc',
    after: frame.after && { key: frame.after.name, id: frame.after.id },
    limit: ctx.settings.purgeBatchSize,
  });
  const items: Plan['items'] = [];
  let bytes = 0;
  for (const child of children) {
    if (items.length > 0 && bytes >= BATCH_BYTES) break;
    const isCopyRoot = child.id === run.job.params.copyId;
    const staged = child.type === 'file' && !isCopyRoot ? await stageCopyOf(ctx, child) : undefined;
    bytes += staged?.size ?? 0;
    items.push({ child, staged });
    if (child.type === 'folder' && !isCopyRoot) break;
  }
  return { frame, items };
}

/** The batch, under the drive lock: the working folder and its copy are checked live again. */
async function applyPlan(
  ctx: CoreContext,
  w: DriveTx,
  { run, plan }: { run: JobRun<'copy'>; plan: Plan },
): Promise<{ step: StepOutcome<'copy'>; used: boolean }> {
  const { params } = run.job;
  const below = params.stack.slice(0, -1);
  // The drive is being deleted: there is nothing left to copy into.
  if (w.drive === undefined || w.drive.status !== 'enabled') return { step: { params: { ...params, stack: [] } }, used: false };
  const drive: Drive = w.drive;
  const [src, dst] = [await locate(w.tx, drive, plan.frame.src), await locate(w.tx, drive, plan.frame.dst)];
  // Done with this folder, or it left the live tree (trashed, purged): the folder above goes on.
  if (plan.items.length === 0 || src.state !== 'live' || dst.state !== 'live') {
    return { step: { params: { ...params, stack: below } }, used: false };
  }
  const files = plan.items.filter((i) => i.staged !== undefined);
  const bytes = files.reduce((sum, i) => sum + i.staged!.size, 0);
  const fits = bytes === 0 || (await reserveBytes(w, bytes));
  let count = 0;
  let pushed: CopyFrame | undefined;
  for (const { child, staged } of plan.items) {
    if (child.id === params.copyId || (child.type === 'file' && (!staged || !fits))) continue;
    const name = (await resolveName(w.tx, { driveId: w.driveId, parentId: plan.frame.dst, name: child.name, type: child.type, mode: 'auto_rename' })).name;
    const row = copyRow(ctx, { source: child, driveId: w.driveId, parentId: plan.frame.dst, name, actor: { userId: run.job.createdBy, isAdmin: false }, staged });
    await insertEntry(w, row);
    count++;
    if (child.type === 'folder') pushed = { src: child.id, dst: row.id };
  }
  await addToTree(w, chainIds(dst.chain), { bytes: fits ? bytes : 0, count });
  const last = plan.items.at(-1)!.child;
  const stack = [...below, { ...plan.frame, after: { name: last.name, id: last.id } }, ...(pushed ? [pushed] : [])];
  const failed = fits ? 0 : files.length;
  const message = `drive ${w.driveId} has no room for ${failed} of the files to copy`;
  const folderPath = pathOf(src.chain);
  return {
    step: {
      processed: plan.items.length - failed,
      failures: fits ? [] : files.map(({ child }) => ({ itemId: child.id, path: `${folderPath === '/' ? '' : folderPath}/${child.name}`, code: 'QuotaExceeded', message })),
      params: { ...params, stack },
      ...(failed > 0 && { error: { code: 'QuotaExceeded', message } }),
    },
    used: fits,
  };
}
