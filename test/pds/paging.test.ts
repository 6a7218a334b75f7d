import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkFill } from '../crash/bulk-fill.js';
import { inconsistencies } from '../support/consistency.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { bulkTrash } from '../ui/support/bulk-trash.js';
import { type Json, makeFolder, type PdsClient, signIn } from './support/pds-client.js';

const databases = await testDatabases();
const COUNT = 1050;

/**
 * Paging through more than 1,000 items while others are being added: every item present
 * from start to end is seen exactly once, and nothing is seen twice.
 */
describe.each(databases)('PDS paging under concurrent writes on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'paging' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  /** Pages through `path` to the end, running `during` between pages. */
  async function pageAll(path: string, body: object, limit: number, during: (page: number) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let marker = '';
    let page = 0;
    do {
      const res = await pds.ok(path, { ...body, limit, marker });
      seen.push(...(res.items as Json[]).map((i) => i.file_id as string));
      marker = res.next_marker;
      await during(page++);
    } while (marker);
    return seen;
  }

  it('pages a folder of more than 1,000 entries while entries are added', { timeout: 180_000 }, async () => {
    const folder = (await makeFolder(pds, driveId, 'root', 'big')).file_id as string;
    // Setup in bulk (bulk-fill.ts: the core's own rows and counters, a few statements in
    // all rather than a transaction a folder); the paging itself is over HTTP.
    const folderName = (i: number) => `item-${String(i * 2).padStart(5, '0')}`;
    const { folderIds: original } = await bulkFill(node.salvage, node.adminActor, driveId, [folder], { folders: COUNT, filesPerFolder: 0, emptyPerFolder: 0, folderName });
    let added = 0;
    const seen = await pageAll('/v2/file/list', { drive_id: driveId, parent_file_id: folder }, 100, async (page) => {
      // New names sort before, between and after what was already read.
      for (const n of [page * 200 + 1, 5, 30_000 + page]) {
        await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: folder, name: `item-${String(n).padStart(5, '0')}`, type: 'folder', check_name_mode: 'auto_rename' }, 201);
        added++;
      }
    });
    expect(added).toBeGreaterThan(20);
    expect(new Set(seen).size).toBe(seen.length);
    const seenSet = new Set(seen);
    expect(original.filter((id) => !seenSet.has(id))).toEqual([]);
  });

  it('pages a bin of more than 1,000 items while items are trashed', { timeout: 180_000 }, async () => {
    const folder = (await makeFolder(pds, driveId, 'root', 'to-bin')).file_id as string;
    // Setup in bulk: the folders written at once (bulk-fill.ts), then trashed each as its
    // own bin item, a thousand to a transaction (bulk-trash.ts), as many single trashes would.
    const me = node.adminActor;
    const folderName = (i: number) => `b-${i}`;
    const { folderIds: original } = await bulkFill(node.salvage, me, driveId, [folder], { folders: COUNT, filesPerFolder: 0, emptyPerFolder: 0, folderName });
    await bulkTrash(node.salvage, me, driveId, original);
    expect(await inconsistencies(node.salvage, driveId)).toEqual([]);
    const extra: string[] = [];
    for (let i = 0; i < 40; i++) extra.push((await makeFolder(pds, driveId, folder, `late-${i}`)).file_id);
    const seen = await pageAll('/v2/recyclebin/list', { drive_id: driveId }, 200, async (page) => {
      for (const id of extra.splice(0, 4)) await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: id }, 202);
      void page;
    });
    expect(new Set(seen).size).toBe(seen.length);
    const seenSet = new Set(seen);
    expect(original.filter((id) => !seenSet.has(id))).toEqual([]);
    // Newest first across pages.
    const all = await pageAll('/v2/recyclebin/list', { drive_id: driveId }, 200, async () => undefined);
    expect(all.length).toBeGreaterThanOrEqual(COUNT + 20);
  });
});
