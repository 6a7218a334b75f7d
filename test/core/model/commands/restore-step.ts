import { expect } from 'vitest';
import type { Job } from '../../../../src/core/types.js';
import { liveChildId, type RealDrive, waitIdle } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';

/** Where restores went, printed after the suite: the SPEC's rules each need to be hit. */
export const restoreStats: Record<string, number> = {};

/** A restore as asked of the core: its job (done at once, or queued) or its refusal. */
export type StartedRestore = { id: string; job: Job } | { id: string; error: Error & { code?: string } };

export async function startRestore(real: RealDrive, id: string): Promise<StartedRestore> {
  try {
    const { job } = await real.salvage.bin.restore(real.me, { driveId: real.driveId, fileId: id, policy: 'queue' });
    return { id, job };
  } catch (err) {
    return { id, error: err as Error };
  }
}

/**
 * Judges a restore once the drive is settled, against the model as it stands then (a
 * queued restore runs after the jobs ahead of it): refused if the model has nothing in
 * the bin by that id, else the entry went where the model puts it, under the same name.
 */
export async function finishRestore(model: TreeModel, real: RealDrive, started: StartedRestore): Promise<void> {
  await waitIdle(real);
  const refusal = model.refuseRestore(started.id);
  if ('error' in started) {
    if (refusal === undefined) throw started.error;
    expect(started.error.code, started.error.message).toBe(refusal);
    return;
  }
  expect(refusal, `restore of ${started.id} should have been refused`).toBeUndefined();
  const job = await real.salvage.jobs.get(real.me, String(started.job.id));
  expect({ state: job.state, processed: job.processed, error: job.errorCode }).toEqual({ state: 'succeeded', processed: 1, error: null });
  const before = model.entries.get(started.id)!.name;
  const restored = await model.restore(started.id, (parentId, name) => liveChildId(real, parentId, name));
  restoreStats[`${model.lastRestoreRoute}${before === restored.name ? '' : '+renamed'}`] =
    (restoreStats[`${model.lastRestoreRoute}${before === restored.name ? '' : '+renamed'}`] ?? 0) + 1;
  const params: { restoredName?: string; restoredParentId?: string | null } = job.type === 'restore' ? job.params : {};
  expect({ name: params.restoredName, parentId: params.restoredParentId }, `restore of ${started.id}`).toEqual({
    name: restored.name,
    parentId: restored.parentId,
  });
}
