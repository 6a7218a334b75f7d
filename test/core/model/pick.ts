import fc from 'fast-check';
import { ROOT, type TreeModel } from './reference-model.js';

/**
 * A target chosen when the command runs, not when it is generated: commands are drawn
 * before any id exists. `pool` steers it (live, in the bin, or anything this run has
 * seen, gone and `root` included, to reach the refusals); `n` picks within the pool.
 */
export interface Pick {
  pool: 'live' | 'binned' | 'any';
  n: number;
}

const poolArb = (live: number, binned: number, any: number): fc.Arbitrary<Pick> =>
  fc.record({
    pool: fc.constantFrom<Pick['pool']>(
      ...Array<Pick['pool']>(live).fill('live'),
      ...Array<Pick['pool']>(binned).fill('binned'),
      ...Array<Pick['pool']>(any).fill('any'),
    ),
    n: fc.nat({ max: 1000 }),
  });

/** For deletes: live entries and bin items alike, sometimes anything. */
export const pickArb = poolArb(2, 2, 1);

/** For trash: mostly live entries, sometimes anything (refused unless live). */
export const livePickArb = poolArb(8, 0, 1);

/** For restores: mostly what is in the bin, sometimes anything (refused unless in the bin). */
export const binPickArb = poolArb(0, 4, 1);

export function pickId(model: TreeModel, pick: Pick): string {
  const pool =
    pick.pool === 'any' ? model.known : model.idsWhere(pick.pool).filter((id) => id !== ROOT);
  const from = pool.length > 0 ? pool : model.known;
  return from[pick.n % from.length]!;
}

/** A parent for a new entry: nearly always a live folder, sometimes anything (refused). */
export interface ParentPick {
  pool: 'root' | 'live' | 'any';
  n: number;
}

/** Root often, so names clash often (a restore's rename rule needs clashes to show). */
export const parentPickArb: fc.Arbitrary<ParentPick> = fc.record({
  pool: fc.constantFrom<ParentPick['pool']>('root', 'root', 'root', 'live', 'live', 'live', 'live', 'live', 'live', 'any'),
  n: fc.nat({ max: 1000 }),
});

export function pickParent(model: TreeModel, pick: ParentPick): string {
  if (pick.pool === 'root') return ROOT;
  const pool = pick.pool === 'any' ? model.known : model.liveFolders();
  return pool[pick.n % pool.length]!;
}

/** One of the three biggest subtrees (live or in the bin): a purge a cancel can interrupt. */
export function pickBig(model: TreeModel, n: number): string {
  const sized = [...model.entries.keys()]
    .filter((id) => id !== ROOT)
    .map((id) => ({ id, size: model.purgeSet(id).purged.length }))
    .sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1))
    .slice(0, 3);
  return sized.length === 0 ? ROOT : sized[n % sized.length]!.id;
}
