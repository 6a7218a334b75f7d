import { expect } from 'vitest';
import type { EntryFilter } from '../../../src/store/repositories/entries.repository.js';
import { ROOT_ID } from '../../../src/core/ids.js';
import type { RealDrive } from './real-drive.js';
import type { TreeModel } from './reference-model.js';

/**
 * How often search was judged while the bin's marks were partial, complete or stale:
 * printed after the suite, so a run shows it covered before, during and after marking.
 */
export const searchStats = { judged: 0, withMarks: 0, withUnmarkedBin: 0, withStaleMarks: 0 };

async function searchAll(real: RealDrive, filter: EntryFilter, scope: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await real.salvage.entries.search(real.me, { driveId: real.driveId, filter, limit: 7, token, scope });
    ids.push(...page.items.map((e) => e.id));
    token = page.nextToken || undefined;
  } while (token);
  return ids;
}

/**
 * Search shows exactly the live entries: none in the bin, whatever the search marking
 * has done so far, and every restored one at once. Judged through the candidates index
 * (every entry) and the exact-name index (name 'a').
 */
export async function compareSearch(model: TreeModel, real: RealDrive): Promise<void> {
  const live = [...model.entries.values()].filter((e) => e.id !== ROOT_ID && model.where(e.id) === 'live');
  const sorted = (ids: string[]) => [...ids].sort();
  const all: EntryFilter = { kind: 'or', items: [{ kind: 'type', value: 'file' }, { kind: 'type', value: 'folder' }] };
  expect(sorted(await searchAll(real, all, 'all')), 'search for every entry').toEqual(sorted(live.map((e) => e.id)));
  expect(sorted(await searchAll(real, { kind: 'nameEquals', value: 'a' }, 'name-a')), "search for name = 'a'").toEqual(
    sorted(live.filter((e) => e.name === 'a').map((e) => e.id)),
  );
  await countMarks(model, real);
}

async function countMarks(model: TreeModel, real: RealDrive): Promise<void> {
  const db = real.salvage.ctx.store.db;
  const marked = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('drive_id', '=', real.driveId)
    .where('binned_under', 'is not', null)
    .executeTakeFirstOrThrow();
  const stale = await db
    .selectFrom('search_marks')
    .select('root_id')
    .where('drive_id', '=', real.driveId)
    .where('state', '=', 'unmarking')
    .execute();
  const binned = model.idsWhere('binned').filter((id) => model.entries.get(id)!.trashedAt === null).length;
  searchStats.judged++;
  if (Number(marked.n) > 0) searchStats.withMarks++;
  if (binned > Number(marked.n)) searchStats.withUnmarkedBin++;
  if (stale.length > 0) searchStats.withStaleMarks++;
}
