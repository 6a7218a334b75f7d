import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binSearchStatement } from '../../src/store/repositories/bin-search.repository.js';
import type { BinFilter } from '../../src/store/repositories/bin-filter.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, type PdsClient, signIn } from './support/pds-client.js';
import { nameKey } from '../../src/core/entries/name-key.js';

const databases = await testDatabases();
const N = 20_000;
const RARE = 20;

/**
 * Issue 14 item 1: a size range holding a few outliers (the 20 files over 100 MB among
 * 20,000) is read by the size index and sorted, whatever the planner guesses of the
 * range; a broad range walks the bin in trash-time order. Both page as a full read does.
 */
describe.each(databases)('bin search by size range on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'sizes' }, 201)).drive_id as string;
    const T0 = Date.now() - 86_400_000;
    const who = node.adminActor.userId;
    const rows = Array.from({ length: N }, (_, i) => {
      const rare = i % (N / RARE) === 0;
      const size = rare ? 1_000_000_000 + i : i % 10_000;
      return {
        drive_id: driveId, id: `${driveId}-${i}`, parent_id: 'root', name: `f-${i}.bin`, type: 'file' as const, size, content_type: 'application/octet-stream',
        content_hash: '', blob_id: null, status: 'available' as const, created_by: who, modified_by: who, created_at: T0, updated_at: T0, accessed_at: T0,
        changed_at: T0, tree_bytes: size, tree_count: 1, trashed_at: T0 + i, trashed_by: who, orig_parent_id: 'root', orig_path: `/f-${i}.bin`,
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500).map((r) => ({ ...r, name_key: nameKey(r.name) }));
      await node.salvage.ctx.store.transaction((tx) => tx.insertInto('entries').values(batch).execute());
    }
    if (database === 'postgres') await sql`analyze entries`.execute(node.salvage.ctx.store.db);
  });
  afterAll(async () => node?.destroy());

  const searchAll = async (query: string, limit: number, max = Infinity) => {
    const items: Json[] = [];
    let marker = '';
    do {
      const page = await pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, query, limit, marker });
      items.push(...(page.items as Json[]));
      marker = page.next_marker as string;
    } while (marker && items.length < max);
    return items;
  };
  const planOf = async (filter: BinFilter) => {
    const store = node.salvage.ctx.store;
    const statement = await binSearchStatement(store.db, {
      driveId, hiddenBefore: null, filter, orderBy: 'trashedAt', direction: 'desc', limit: 51,
      trigramTable: store.capabilities.trigramTable, crossJoinOrders: store.capabilities.crossJoinOrders,
    });
    const explain = database === 'sqlite' ? sql`explain query plan ${statement}` : sql`explain ${statement}`;
    const { rows } = await explain.execute(store.db);
    return rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN'])).join('; ');
  };

  it('reads a narrow range by the size index, newest trashed first, page by page', async () => {
    const found = await searchAll('size > 100000000', 3);
    const expected = Array.from({ length: RARE }, (_, k) => `${driveId}-${(RARE - 1 - k) * (N / RARE)}`);
    expect(found.map((i) => i.file_id)).toEqual(expected);
    expect(await planOf({ kind: 'size', op: '>', value: 100_000_000 })).toContain('entries_bin_by_size');
    // With another condition too, and a range between two sizes.
    const between = await searchAll('size >= 1000000000 and size < 1000010000 and name match "f-1"', 2);
    expect(between.map((i) => i.name)).toEqual(['f-1000.bin']);
  });

  it('walks a broad range in trash-time order, and pages the same', async () => {
    const firstTwo = await searchAll('size < 5000', 50, 100);
    const expected: string[] = [];
    for (let i = N - 1; expected.length < 100; i--) if (i % (N / RARE) !== 0 && i % 10_000 < 5000) expected.push(`${driveId}-${i}`);
    expect(firstTwo.map((i) => i.file_id)).toEqual(expected);
  });
});
