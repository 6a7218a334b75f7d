import type { JobState, JobType } from '../../core/types.js';
import type { Db } from '../store.js';

/** Jobs by type and state: one grouped count over the jobs table. */
export async function countJobsByTypeAndState(db: Db): Promise<{ type: JobType; state: JobState; count: number }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['type', 'state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['type', 'state'])
    .execute();
  return rows.map((r) => ({ type: r.type, state: r.state, count: Number(r.n) }));
}

/**
 * The `limit` drives with the most bytes in their bin, their bin item counts (trash roots,
 * counted on the partial index of trash roots), and the bytes of all other drives'
 * bins together. Bounded work: one scan of drives, one index range per labelled drive.
 */
export async function binSizes(db: Db, limit: number): Promise<{ drives: { driveId: string; bytes: number; items: number }[]; otherBytes: number }> {
  const top = await db.selectFrom('drives').select(['id', 'bin_bytes']).where('bin_bytes', '>', 0).orderBy('bin_bytes', 'desc').orderBy('id').limit(limit).execute();
  const total = await db.selectFrom('drives').select((eb) => eb.fn.sum<number | string | null>('bin_bytes').as('b')).executeTakeFirst();
  const ids = top.map((d) => d.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('entries')
          .select(['drive_id', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('drive_id', 'in', ids)
          .where('trashed_at', 'is not', null)
          .groupBy('drive_id')
          .execute();
  const items = new Map(counts.map((c) => [c.drive_id, Number(c.n)]));
  const labelled = top.reduce((n, d) => n + Number(d.bin_bytes), 0);
  return {
    drives: top.map((d) => ({ driveId: d.id, bytes: Number(d.bin_bytes), items: items.get(d.id) ?? 0 })),
    otherBytes: Math.max(0, Number(total?.b ?? 0) - labelled),
  };
}
