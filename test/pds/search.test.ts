import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();

describe.each(databases)('PDS search and the bin on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    // Small marking batches, so a trashed folder takes several of them.
    node = await startTestNode({ database, searchMarkBatchSize: 2, pollIntervalMs: 20 });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'search' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const search = async (query: string) => {
    const names: string[] = [];
    let marker = '';
    do {
      const page = await pds.ok('/v2/file/search', { drive_id: driveId, query, limit: 3, marker });
      names.push(...(page.items as Json[]).map((i) => i.name as string));
      marker = page.next_marker as string;
    } while (marker);
    return names.sort();
  };
  const total = async (query: string) =>
    (await pds.ok('/v2/file/search', { drive_id: driveId, query, limit: 1, return_total_count: true })).total_count as number;
  const db = () => node.salvage.ctx.store.db;
  /** The marking has nothing queued: every row under a trash root carries its mark. */
  const marked = () =>
    eventually(async () => {
      const queued = await sql<{ n: number }>`select count(*) as n from search_marks`.execute(db());
      return Number(queued.rows[0]!.n) === 0 ? true : undefined;
    });
  const markedRows = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from entries where binned_under is not null`.execute(db())).rows[0]!.n);

  it('never shows what is in the bin, before or after the marking, and shows a restore at once', async () => {
    const box = await makeFolder(pds, driveId, 'root', 'box');
    const inner = await makeFolder(pds, driveId, box.file_id, 'inner');
    for (const i of [1, 2, 3]) await uploadFile(pds, driveId, box.file_id, `needle-${i}.txt`, 'x');
    for (const i of [4, 5, 6, 7]) await uploadFile(pds, driveId, inner.file_id, `needle-${i}.txt`, 'x');
    await uploadFile(pds, driveId, 'root', 'needle-live.txt', 'x');
    const all = ['needle-1.txt', 'needle-2.txt', 'needle-3.txt', 'needle-4.txt', 'needle-5.txt', 'needle-6.txt', 'needle-7.txt', 'needle-live.txt'];
    expect(await search('name match "needle"')).toEqual(all);

    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: box.file_id }, 202);
    // At once, by the ancestor check: the marking has not run yet.
    expect(await search('name match "needle"')).toEqual(['needle-live.txt']);
    expect(await search('name = "needle-5.txt"')).toEqual([]);
    await marked();
    expect(await markedRows()).toBe(8);
    expect(await search('name match "needle"')).toEqual(['needle-live.txt']);
    // total_count is one indexed count: exact once the marking has caught up.
    expect(await total('name match "needle"')).toBe(1);
    expect(await search('name = "needle-5.txt"')).toEqual([]);
    expect(await search('type = "folder"')).toEqual([]);

    // Restoring a folder from inside the trashed one brings back its entries, and only those.
    await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: inner.file_id }, 202);
    const innerBack = ['needle-4.txt', 'needle-5.txt', 'needle-6.txt', 'needle-7.txt', 'needle-live.txt'];
    expect(await search('name match "needle"')).toEqual(innerBack);
    expect(await search('name = "needle-5.txt"')).toEqual(['needle-5.txt']);
    await marked();
    expect(await markedRows()).toBe(3);
    expect(await search('name match "needle"')).toEqual(innerBack);
    expect(await total('name match "needle"')).toBe(5);

    // Restoring the rest: everything is back at once.
    await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: box.file_id }, 202);
    expect(await search('name match "needle"')).toEqual(all);
    expect(await search('name = "needle-2.txt"')).toEqual(['needle-2.txt']);
    await marked();
    expect(await markedRows()).toBe(0);
    expect(await search('name match "needle"')).toEqual(all);
    expect(await total('name match "needle"')).toBe(8);
  });

  it('matches exact names byte for byte, as before', async () => {
    await uploadFile(pds, driveId, 'root', 'Exact.TXT', 'x');
    expect(await search('name = "Exact.TXT"')).toEqual(['Exact.TXT']);
    expect(await search('name = "exact.txt"')).toEqual([]);
    expect(await search('name match "exact.t"')).toEqual(['Exact.TXT']);
  });
});
