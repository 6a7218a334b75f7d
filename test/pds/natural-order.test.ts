import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveInconsistencies } from '../support/consistency.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

/** Created in this order, on purpose not the listing's. */
const FOLDERS = ['b10', 'b9', 'a2'];
const FILES = ['f10', 'f2', 'F3', 'f1', 'a-10', 'a-9', 'img8.jpg', 'img7.jpg', 'img007.jpg', 'é1', 'Z'];
/**
 * Folders first, then files; numbers by value (a-9 before a-10: '-' is no minus sign);
 * case ignored (F3 among the f's); a tie in value broken by the name (img007 before img7);
 * other characters by code point (Z before é).
 */
const NATURAL = ['a2', 'b9', 'b10', 'a-9', 'a-10', 'f1', 'f2', 'F3', 'f10', 'img007.jpg', 'img7.jpg', 'img8.jpg', 'Z', 'é1'];

/**
 * Folder listings by name are in natural order across keyset pages (issue 15 item 2,
 * issue 16 item 7), on the server: pages of two, both directions, over HTTP.
 */
describe.each(databases)('natural name order in folder listings on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  let folder: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'natural' }, 201)).drive_id;
    folder = (await makeFolder(pds, driveId, 'root', 'mixed')).file_id;
    for (const name of FOLDERS) await makeFolder(pds, driveId, folder, name);
    for (const name of FILES) await uploadFile(pds, driveId, folder, name, name);
  });
  afterAll(async () => node?.destroy());

  /** Every name of the folder's listing, `limit` a page, and how many pages it took. */
  async function pagedNames(parent: string, body: Json = {}, limit = 2): Promise<{ names: string[]; pages: number }> {
    const names: string[] = [];
    let marker = '';
    let pages = 0;
    do {
      const page = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parent, limit, marker, ...body });
      names.push(...(page.items as Json[]).map((i) => i.name as string));
      expect((page.items as Json[]).length).toBeLessThanOrEqual(limit);
      marker = page.next_marker;
      pages++;
    } while (marker);
    return { names, pages };
  }

  it('pages a folder in natural order, folders first, in both directions', async () => {
    const asc = await pagedNames(folder);
    expect(asc.names).toEqual(NATURAL);
    expect(asc.pages).toBe(NATURAL.length / 2);
    // Descending reverses each part; folders still come first.
    const desc = await pagedNames(folder, { order_by: 'name', order_direction: 'DESC' });
    expect(desc.names).toEqual([...NATURAL.slice(0, 3).reverse(), ...NATURAL.slice(3).reverse()]);
    // A page size that ends the folders mid-page, and one that ends them at a page's end.
    expect((await pagedNames(folder, {}, 4)).names).toEqual(NATURAL);
    expect((await pagedNames(folder, {}, 3)).names).toEqual(NATURAL);
    expect((await pagedNames(folder, { type: 'file' })).names).toEqual(NATURAL.slice(3));
    expect((await pagedNames(folder, { type: 'folder', order_direction: 'DESC' })).names).toEqual(['b10', 'b9', 'a2']);
    // A marker is tied to its listing: the files-only one is refused by the full listing.
    const filesPage = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: folder, limit: 2, type: 'file' });
    await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: folder, limit: 2, marker: filesPage.next_marker }, 400, 'InvalidParameter');
  });

  it('keeps the order as names change: rename, move with a new name, copy, restore with a new name', async () => {
    const parent = (await makeFolder(pds, driveId, 'root', 'changes')).file_id as string;
    const ids: Record<string, string> = {};
    for (const name of ['doc1', 'doc2', 'doc10', 'doc9']) ids[name] = (await uploadFile(pds, driveId, parent, name, name)).file_id;
    const names = async () => (await pagedNames(parent)).names;
    expect(await names()).toEqual(['doc1', 'doc2', 'doc9', 'doc10']);

    await pds.ok('/v2/file/update', { drive_id: driveId, file_id: ids.doc10, name: 'doc0' });
    expect(await names()).toEqual(['doc0', 'doc1', 'doc2', 'doc9']);

    const elsewhere = await uploadFile(pds, driveId, 'root', 'stray', 'x');
    await pds.ok('/v2/file/move', { drive_id: driveId, file_id: elsewhere.file_id, to_parent_file_id: parent, new_name: 'doc5' });
    expect(await names()).toEqual(['doc0', 'doc1', 'doc2', 'doc5', 'doc9']);

    await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: ids.doc2, to_parent_file_id: parent, auto_rename: true }, 201);
    expect(await names()).toEqual(['doc0', 'doc1', 'doc2', 'doc2(1)', 'doc5', 'doc9']);

    // doc9 to the bin, a new doc9 in its place: the restored one comes back renamed.
    await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: ids.doc9 }, 202);
    await uploadFile(pds, driveId, parent, 'doc9', 'again');
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: ids.doc9 }, 202);
    expect((await waitForTask(pds, restore.async_task_id)).state).toBe('Succeed');
    expect(await names()).toEqual(['doc0', 'doc1', 'doc2', 'doc2(1)', 'doc5', 'doc9', 'doc9 (restored)']);
    await pds.ok('/v2/file/update', { drive_id: driveId, file_id: ids.doc9, name: 'doc3' });
    expect(await names()).toEqual(['doc0', 'doc1', 'doc2', 'doc2(1)', 'doc3', 'doc5', 'doc9']);
    // Every row's key is its name's (test/support/consistency.ts checks each one).
    expect(await driveInconsistencies(node.salvage.ctx.store.db, driveId)).toEqual([]);
  });

  it('reads a page by name as one index range, without sorting the folder', async () => {
    const page = sql`select id from entries where drive_id = ${driveId} and parent_id = ${folder} and trashed_at is null and type = 'file'
      and (name_key, name, id) > (${'f1'}, ${'f'}, ${''}) order by name_key, name, id limit 3`;
    // A folder this small is cheaper to read whole, so PostgreSQL is told to plan as for a
    // big one: no sequential or bitmap scan. It may still choose any index and a sort.
    const plan = await node.salvage.ctx.store.transaction(async (tx) => {
      if (database === 'sqlite') return (await sql<{ detail: string }>`explain query plan ${page}`.execute(tx)).rows.map((r) => r.detail).join('\n');
      await sql`set local enable_seqscan = off`.execute(tx);
      await sql`set local enable_bitmapscan = off`.execute(tx);
      return (await sql<{ 'QUERY PLAN': string }>`explain (costs off) ${page}`.execute(tx)).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('entries_by_name_key');
    expect(plan).not.toMatch(/sort|TEMP B-TREE/i);
  });
});
