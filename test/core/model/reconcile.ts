import { expect } from 'vitest';
import type { Entry, Job } from '../../../src/core/types.js';
import { type RealDrive, realState } from './real-drive.js';
import type { TreeModel } from './reference-model.js';

/**
 * What a purge job was asked to remove: `purged` (every entry of its subtrees, which may
 * go), `roots` (the tops of those subtrees, which stay in the bin if anything of them is
 * left) and `nestedRoots` (trash roots below them that must not be touched).
 */
export interface PurgeScope {
  purged: string[];
  roots: string[];
  nestedRoots: string[];
}

/**
 * A cancelled purge may stop anywhere, so the model cannot say where; it reads what is
 * left of the scope and checks what must hold wherever it stopped: nothing of the scope
 * is live; a remaining top is a visible bin item (restorable); purging went bottom-up
 * (a remaining entry's folder remains, unless it is a trash root, then detached); names
 * are untouched; nested trash roots are untouched; `processed` counts exactly what went.
 * Then the model takes the remains as they are. Everything outside the scope, and the
 * space counters over what remains, are checked by the comparison that follows.
 */
export async function reconcileCancelled(model: TreeModel, real: RealDrive, scope: PurgeScope, job: Job): Promise<void> {
  const seen = new Map<string, { state: 'live' | 'binned' | 'gone'; entry?: Entry }>();
  for (const id of [...scope.purged, ...scope.nestedRoots]) seen.set(id, await realState(real, id));
  const isGone = (id: string | null) => id !== null && seen.get(id)?.state === 'gone';
  const gone = scope.purged.filter(isGone);
  expect(job.processed, 'a cancelled job reports what it purged').toBe(gone.length);

  const roots = new Set(scope.roots);
  for (const id of [...scope.purged, ...scope.nestedRoots]) {
    const { state, entry } = seen.get(id)!;
    if (state === 'gone') {
      expect(scope.nestedRoots, `nested trash root ${id} must survive the purge`).not.toContain(id);
      continue;
    }
    const m = model.entries.get(id)!;
    expect(state, `remains of ${id} are in the bin`).toBe('binned');
    expect({ name: entry!.name, type: entry!.type, size: entry!.size }).toEqual({ name: m.name, type: m.type, size: m.size });
    const wasRoot = roots.has(id) || scope.nestedRoots.includes(id);
    if (wasRoot) {
      expect(entry!.parentId, `trash root ${id} keeps its folder, or is detached when it went`).toBe(isGone(m.parentId) ? null : m.parentId);
      if (m.trashedAt !== null) expect(entry!.trashedAt, `trash time of ${id}`).toBe(m.trashedAt);
      else expect(entry!.trashedAt, `${id} is left as a bin item`).not.toBeNull();
    } else {
      expect(isGone(m.parentId), `purge is bottom-up: ${id} outlived its folder`).toBe(false);
      expect({ parentId: entry!.parentId, trashedAt: entry!.trashedAt }).toEqual({ parentId: m.parentId, trashedAt: null });
    }
  }

  for (const id of gone) model.entries.delete(id);
  for (const [id, { entry }] of seen) {
    if (!entry) continue;
    const m = model.entries.get(id)!;
    m.parentId = entry.parentId;
    m.trashedAt = entry.trashedAt;
  }
}
