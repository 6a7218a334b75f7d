import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile } from './support/pds-client.js';

const databases = await testDatabases();

/** ASCII letters fold, nothing else: the rule of `name match` on both databases. */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Issue 14 items 1 and 2: /v2/recyclebin/search_all with the bin's own fields, orders,
 * keyset pages, include_subfolders and include_descendants, checked against a model that
 * filters /v2/recyclebin/list in the test.
 */
describe.each(databases)('PDS recyclebin/search_all on %s', (database) => {
  let node: TestNode;
  let admin: PdsClient;
  let bob: { id: string; pds: PdsClient };
  let driveId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    node = await startTestNode({ database });
    admin = await signIn(node);
    const user = await admin.ok('/v2/user/create', { user_name: `bob-${database}`, password: 'bob-password' }, 201);
    bob = { id: user.user_id as string, pds: await signIn(node, `bob-${database}`, 'bob-password') };
    driveId = user.default_drive_id as string;
    // /docs/sub/deep and /photos; files deleted from each by bob or the admin.
    ids.docs = (await makeFolder(bob.pds, driveId, 'root', 'docs')).file_id;
    ids.sub = (await makeFolder(bob.pds, driveId, ids.docs!, 'sub')).file_id;
    ids.deep = (await makeFolder(bob.pds, driveId, ids.sub!, 'deep')).file_id;
    ids.photos = (await makeFolder(bob.pds, driveId, 'root', 'photos')).file_id;
    const files: [string, string, string, 'bob' | 'admin'][] = [
      ['docs', 'Report-2024.PDF', 'x'.repeat(10), 'bob'],
      ['docs', 'report-draft.pdf', 'x'.repeat(200), 'admin'],
      ['sub', 'notes.txt', 'x'.repeat(30), 'bob'],
      ['sub', 'budget.xlsx', 'x'.repeat(5), 'admin'],
      ['deep', 'scan.pdf', 'x'.repeat(70), 'bob'],
      ['photos', 'cat.jpg', 'x'.repeat(1000), 'admin'],
      ['photos', 'dog.JPG', 'x'.repeat(1), 'bob'],
      ['root', 'readme', 'x'.repeat(42), 'bob'],
      ['root', '.pdf', 'x'.repeat(3), 'bob'],
    ];
    for (const [folder, name, content, who] of files) {
      const f = await uploadFile(bob.pds, driveId, folder === 'root' ? 'root' : ids[folder]!, name, content);
      ids[name] = f.file_id;
      await (who === 'bob' ? bob.pds : admin).ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    }
    // A trashed folder with contents: /archive/a.pdf and /archive/old/b.pdf.
    ids.archive = (await makeFolder(bob.pds, driveId, 'root', 'archive.pdf')).file_id;
    ids.old = (await makeFolder(bob.pds, driveId, ids.archive!, 'old')).file_id;
    ids['a.pdf'] = (await uploadFile(bob.pds, driveId, ids.archive!, 'a.pdf', 'aaaa')).file_id;
    ids['b.pdf'] = (await uploadFile(bob.pds, driveId, ids.old!, 'b.pdf', 'bbbbbbbb')).file_id;
    await uploadFile(bob.pds, driveId, 'root', 'live.pdf', 'live');
    await admin.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: ids.archive }, 202);
  });
  afterAll(async () => node?.destroy());

  /** Every page of a search with `limit` items a page. */
  const searchAll = async (body: Json, limit = 2) => {
    const items: Json[] = [];
    let marker = '';
    do {
      const page = await bob.pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, ...body, limit, marker });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...(page.items as Json[]));
      marker = page.next_marker as string;
    } while (marker);
    return items;
  };
  const binList = async () => (await bob.pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 100 })).items as Json[];
  /** The bin as it stands, leaving out the retention countdown, which moves with the clock. */
  const binState = async () => (await binList()).map(({ auto_delete_left_sec: _, ...rest }) => rest);
  const time = (iso: string) => Date.parse(iso);

  it('answers bin items shaped as recyclebin/list, each naming itself as its bin item', async () => {
    const listed = new Map((await binList()).map((i) => [i.file_id, i]));
    const found = await searchAll({});
    expect(found.map((i) => i.file_id)).toEqual([...listed.keys()]);
    for (const { auto_delete_left_sec: left, ...item } of found) {
      const { auto_delete_left_sec: listedLeft, ...same } = listed.get(item.file_id)!;
      expect(item).toEqual({ ...same, bin_item_id: item.file_id });
      // The retention countdown moves with the clock between the two calls.
      expect(Math.abs(left - listedLeft)).toBeLessThanOrEqual(2);
    }
    expect(found.map((i) => i.name)).not.toContain('a.pdf');
  });

  /** The model: which bin items a condition keeps, as the answers render them. */
  const model: [string, (i: Json, t: (n: string) => number) => boolean][] = [
    ['name match "REPORT"', (i) => fold(i.name).includes('report')],
    ['name match "pdf"', (i) => fold(i.name).includes('pdf')],
    ['name match "t-"', (i) => fold(i.name).includes('t-')],
    ['name = "notes.txt"', (i) => i.name === 'notes.txt'],
    ['type = "folder"', (i) => i.type === 'folder'],
    ['size > 30', (i) => i.size > 30],
    ['size >= 30 and size <= 200', (i) => i.size >= 30 && i.size <= 200],
    ['size = 5', (i) => i.size === 5],
    ['size < 10', (i) => i.size < 10],
    ['file_extension = "pdf"', (i) => i.file_extension.toLowerCase() === 'pdf'],
    ['file_extension in ["jpg", "xlsx"]', (i) => ['jpg', 'xlsx'].includes(i.file_extension.toLowerCase())],
    ['file_extension = "jpg" or file_extension = "txt"', (i) => ['jpg', 'txt'].includes(i.file_extension.toLowerCase())],
    [`trashed_by = "BOB"`, (i) => i.trashed_by === bob.id],
    [`original_parent_file_id = "DOCS"`, (i) => i.original_parent_file_id === ids.docs],
    [`original_parent_file_id = "root" and type = "file"`, (i) => i.original_parent_file_id === 'root' && i.type === 'file'],
    ['trashed_at > "T3"', (i, t) => time(i.trashed_at) > t('T3')],
    ['trashed_at >= "T3" and trashed_at < "T6"', (i, t) => time(i.trashed_at) >= t('T3') && time(i.trashed_at) < t('T6')],
    ['trashed_at <= "T3" or name match "cat"', (i, t) => time(i.trashed_at) <= t('T3') || fold(i.name).includes('cat')],
  ];
  const orders: [Json, (a: Json, b: Json) => number][] = [
    [{}, (a, b) => time(b.trashed_at) - time(a.trashed_at) || bytewise(b.file_id, a.file_id)],
    [{ order_by: 'trashed_at ASC' }, (a, b) => time(a.trashed_at) - time(b.trashed_at) || bytewise(a.file_id, b.file_id)],
    [{ order_by: 'name' }, (a, b) => bytewise(a.name, b.name) || bytewise(a.file_id, b.file_id)],
    [{ order_by: 'name', order_direction: 'DESC' }, (a, b) => bytewise(b.name, a.name) || bytewise(b.file_id, a.file_id)],
    [{ order_by: 'size DESC' }, (a, b) => b.size - a.size || bytewise(b.file_id, a.file_id)],
    [{ order_by: 'size' }, (a, b) => a.size - b.size || bytewise(a.file_id, b.file_id)],
  ];

  it('filters by every field and sorts every way, and paging through equals the whole filtered set', async () => {
    const bin = await binList();
    const byAge = [...bin].sort((a, b) => time(a.trashed_at) - time(b.trashed_at));
    const t = (n: string) => time(byAge[Number(n.slice(1))]!.trashed_at);
    const written = (q: string) =>
      q.replace('BOB', bob.id).replace('DOCS', ids.docs!).replace(/"(T\d)"/g, (_, n: string) => `"${new Date(t(n)).toISOString()}"`);
    for (const [query, keeps] of model) {
      const expected = bin.filter((i) => keeps(i, t));
      for (const [order, compare] of orders) {
        const found = await searchAll({ query: written(query), ...order }, 3);
        expect({ query, order, names: found.map((i) => i.name) }).toEqual({ query, order, names: [...expected].sort(compare).map((i) => i.name) });
      }
    }
    expect(model.map(([q]) => bin.filter((i) => model.find(([m]) => m === q)![1](i, t)).length).every((n) => n > 0)).toBe(true);
  });

  it('finds what was deleted from a live folder, and with include_subfolders from below it too', async () => {
    const from = async (folder: string, include_subfolders?: boolean) =>
      (await searchAll({ query: `original_parent_file_id = "${ids[folder]}"`, ...(include_subfolders !== undefined && { include_subfolders }) }))
        .map((i) => i.name)
        .sort();
    expect(await from('docs')).toEqual(['Report-2024.PDF', 'report-draft.pdf']);
    expect(await from('docs', true)).toEqual(['Report-2024.PDF', 'budget.xlsx', 'notes.txt', 'report-draft.pdf', 'scan.pdf']);
    expect(await from('sub', true)).toEqual(['budget.xlsx', 'notes.txt', 'scan.pdf']);
    expect(await from('photos', true)).toEqual(['cat.jpg', 'dog.JPG']);
    expect(await from('deep', false)).toEqual(['scan.pdf']);
    // A folder named like the start of another (/doc vs /docs) is not its parent.
    const doc = await makeFolder(bob.pds, driveId, 'root', 'doc');
    expect((await searchAll({ query: `original_parent_file_id = "${doc.file_id}"`, include_subfolders: true })).length).toBe(0);
    // The whole drive: everything deleted from anywhere.
    expect((await searchAll({ query: 'original_parent_file_id = "root"', include_subfolders: true })).length).toBe((await binList()).length);
  });

  it('with include_descendants finds entries inside trashed folders, each naming the bin item holding it', async () => {
    const db = node.salvage.ctx.store.db;
    // The background marking has reached every row under a trash root.
    await eventually(async () => {
      const queued = await sql<{ n: number }>`select count(*) as n from search_marks`.execute(db);
      return Number(queued.rows[0]!.n) === 0 ? true : undefined;
    });
    const archive = (await binList()).find((i) => i.file_id === ids.archive)!;
    const found = await searchAll({ query: 'file_extension = "pdf" or name = "old"', include_descendants: true, order_by: 'name' });
    expect(found.map((i) => [i.name, i.bin_item_id])).toEqual([
      ['Report-2024.PDF', ids['Report-2024.PDF']],
      ['a.pdf', ids.archive],
      ['b.pdf', ids.archive],
      ['old', ids.archive],
      ['report-draft.pdf', ids['report-draft.pdf']],
      ['scan.pdf', ids['scan.pdf']],
    ]);
    const b = found.find((i) => i.name === 'b.pdf')!;
    expect(b).toMatchObject({
      file_id: ids['b.pdf'],
      trashed: true,
      trashed_at: archive.trashed_at,
      trashed_by: node.adminActor.userId,
      trashed_by_name: 'admin',
      original_parent_file_id: ids.old,
      original_path: '/archive.pdf/old/b.pdf',
      auto_delete_left_sec: expect.any(Number),
    });
    // Descendants are judged by their bin item's deleter, time and origin.
    const byAdmin = await searchAll({ query: `trashed_by = "${node.adminActor.userId}" and name match "b."`, include_descendants: true });
    expect(byAdmin.map((i) => i.name)).toEqual(['b.pdf']);
    // Without the flag they are not found.
    expect((await searchAll({ query: 'name = "b.pdf"' })).length).toBe(0);
    // Keyset pages by trash time hold descendants too, each once.
    const all = await searchAll({ include_descendants: true }, 2);
    expect(new Set(all.map((i) => i.file_id)).size).toBe(all.length);
    expect(all.length).toBe((await binList()).length + 3);
    expect(all.map((i) => i.file_id)).toEqual((await searchAll({ include_descendants: true }, 100)).map((i) => i.file_id));
    // Newest trashed first, an item's contents together, by id within their bin item.
    const key = (i: Json) => [-time(i.trashed_at), i.bin_item_id, i.file_id].join(' ');
    const sortKey = (i: Json) => [String(1e15 - time(i.trashed_at)).padStart(16, '0'), i.bin_item_id, i.file_id];
    const sorted = [...all].sort((a, b) => {
      const [x, y] = [sortKey(a), sortKey(b)];
      return bytewise(x[0], y[0]) || bytewise(y[1], x[1]) || bytewise(y[2], x[2]);
    });
    expect(all.map(key)).toEqual(sorted.map(key));
    for (const order of [{ order_by: 'name' }, { order_by: 'size DESC' }]) {
      const paged = await searchAll({ include_descendants: true, ...order }, 3);
      expect(paged.map((i) => i.file_id)).toEqual((await searchAll({ include_descendants: true, ...order }, 100)).map((i) => i.file_id));
      expect(paged.length).toBe(all.length);
    }
    // A restore from inside the folder: the restored entry is never reported as deleted.
    const task = await bob.pds.call('/v2/recyclebin/restore', { drive_id: driveId, file_id: ids['b.pdf'] });
    expect([200, 202, 204]).toContain(task.status);
    await eventually(async () => ((await bob.pds.ok('/v2/file/get', { drive_id: driveId, file_id: ids['b.pdf'] })).trashed === false ? true : undefined));
    expect((await searchAll({ query: 'name = "b.pdf"', include_descendants: true })).length).toBe(0);
  });

  it('refuses bad queries with 400 naming where, and changes nothing', async () => {
    const before = await binState();
    const call = (body: object) => bob.pds.call('/v2/recyclebin/search_all', { drive_id: driveId, ...body });
    const cases: [object, string, string][] = [
      [{ query: 'name match' }, 'InvalidParameter.Query', 'query'],
      [{ query: 'size > "3"' }, 'InvalidParameter.Query', 'whole number'],
      [{ query: 'size match 3' }, 'InvalidParameter.Query', 'size takes'],
      [{ query: 'trashed_at > "yesterday"' }, 'InvalidParameter.Query', 'position 13'],
      [{ query: 'trashed_at = "2024-01-01"' }, 'InvalidParameter.Query', 'trashed_at takes'],
      [{ query: 'trashed_by match "u"' }, 'InvalidParameter.Query', "trashed_by takes '='"],
      [{ query: 'file_extension = "tar.gz"' }, 'InvalidParameter.Query', 'no dot'],
      [{ query: 'file_extension in ["pdf" "doc"]' }, 'InvalidParameter.Query', "expected ',' or ']'"],
      [{ query: 'original_parent_file_id = "a/b"' }, 'InvalidParameter.Query', 'must be an id'],
      [{ query: 'colour = "red"' }, 'InvalidParameter.Query', "unknown field 'colour' at position 0"],
      [{ query: 5 }, 'InvalidParameter', 'query'],
      [{ query: `name = "${'x'.repeat(5000)}"` }, 'InvalidParameterOutOfRange', 'query'],
      [{ limit: 0 }, 'InvalidParameterOutOfRange', 'limit'],
      [{ limit: 101 }, 'InvalidParameterOutOfRange', 'limit'],
      [{ limit: '5' }, 'InvalidParameter', 'limit'],
      [{ order_by: 'colour' }, 'InvalidParameter', 'order_by'],
      [{ order_by: 'name up' }, 'InvalidParameter', 'order_by'],
      [{ order_by: 'name ASC', order_direction: 'DESC' }, 'InvalidParameter', 'order_direction'],
      [{ include_subfolders: true }, 'InvalidParameter', 'include_subfolders'],
      [{ include_descendants: 'yes' }, 'InvalidParameter', 'include_descendants'],
      [{ marker: 'forged.marker' }, 'InvalidParameter', 'marker'],
    ];
    for (const [body, code, named] of cases) {
      const res = await call(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
      expect(res.body.message).toContain(named);
    }
    // A NUL inside a substring long enough for the trigram index: never a 500.
    const nul = await call({ query: 'name match "re\u0000port"' });
    expect(nul.status).toBeLessThan(500);
    // file/search keeps its own fields, and says which belong to the bin's search.
    const live = await bob.pds.call('/v2/file/search', { drive_id: driveId, query: 'size > 3' });
    expect([live.status, live.body.code]).toEqual([400, 'InvalidParameter.Query']);
    expect(live.body.message).toContain("size is a field of the bin's search");
    expect(await binState()).toEqual(before);
    await bob.pds.fails('/v2/recyclebin/search_all', {}, 400, 'InvalidParameterMissing');
    await bob.pds.fails('/v2/recyclebin/search_all', { drive_id: 'nope' }, 404, 'NotFound.Drive');
    // Accepted before with the bin's own order, and still.
    await bob.pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, order_by: 'updated_at' });
  });

  it('refuses a marker of another query, order or flag, and of the bin list', async () => {
    const first = await bob.pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, query: 'name match "pdf"', limit: 1 });
    expect(first.next_marker).not.toBe('');
    const marker = first.next_marker;
    const others: Json[] = [
      { query: 'name match "pd"' },
      { query: 'name match "pdf"', order_by: 'name' },
      { query: 'name match "pdf"', order_by: 'trashed_at ASC' },
      { query: 'name match "pdf"', include_descendants: true },
      {},
    ];
    for (const other of others) await bob.pds.fails('/v2/recyclebin/search_all', { drive_id: driveId, ...other, marker }, 400, 'InvalidParameter');
    await bob.pds.ok('/v2/recyclebin/search_all', { drive_id: driveId, query: 'name match "pdf"', marker });
    const listed = await bob.pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 1 });
    await bob.pds.fails('/v2/recyclebin/search_all', { drive_id: driveId, marker: listed.next_marker }, 400, 'InvalidParameter');
    await bob.pds.fails('/v2/recyclebin/list', { drive_id: driveId, marker }, 400, 'InvalidParameter');
  });

  it('finds by name substring through the trigram index as a plain scan does, on odd names', async () => {
    const box = await makeFolder(bob.pds, driveId, 'root', 'odd-box');
    const alphabet = ['a', 'A', 'b', 'B', 'é', 'É', 'ß', '%', '_', '\\', '"', 'x', 'X', '日', '本', '🙂', '.', '-', ' '];
    const nameArb = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 10 }).map((cs) => `o${cs.join('')}`);
    const names = [...new Set(fc.sample(nameArb, { numRuns: 40, seed: 14 }).map((n) => n.normalize('NFC').trimEnd()))];
    for (const name of names) {
      const f = await makeFolder(bob.pds, driveId, box.file_id, name);
      await bob.pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    }
    const stored = (await binList()).filter((i) => i.original_parent_file_id === box.file_id).map((i) => i.name as string);
    expect(stored.sort()).toEqual([...names].sort());
    const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    const substring = fc.oneof(
      // A piece of a stored name, its case flipped here and there: 1 to 6 characters.
      fc.tuple(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.boolean()).map(([n, at, len, flip]) => {
        const cs = [...n];
        const piece = cs.slice(at % cs.length, (at % cs.length) + len).join('');
        return flip ? piece.toUpperCase() : piece;
      }),
      fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 }).map((cs) => cs.join('')),
      // Letters only: trigrams pg_trgm indexes.
      fc.array(fc.constantFrom('o', 'a', 'A', 'b', 'B', 'x', 'X'), { minLength: 3, maxLength: 5 }).map((cs) => cs.join('')),
    );
    const everyName = (await searchAll({}, 100)).map((i) => i.name as string);
    let usedIndex = 0;
    if (database === 'postgres') await sql`analyze entries`.execute(node.salvage.ctx.store.db);
    await fc.assert(
      fc.asyncProperty(substring, async (sub) => {
        const found = await searchAll({ query: `name match ${quote(sub)} and original_parent_file_id = "${box.file_id}"` }, 100);
        const expected = stored.filter((n) => fold(n).includes(fold(sub)));
        expect(found.map((i) => i.name).sort()).toEqual(expected.sort());
        // On so small a table PostgreSQL scans rather than use pg_trgm: ask it for the index.
        if (database === 'postgres') {
          const viaIndex = await trigramIndexSearch(sub);
          // pg_trgm takes trigrams of letters and digits; without one it would scan its whole index.
          if (/[A-Za-z0-9]{3}/.test(sub)) {
            expect(viaIndex.plan).toContain('entries_bin_name_trgm');
            usedIndex++;
          }
          expect(viaIndex.names.sort()).toEqual(viaIndex.scanned.sort());
          expect(viaIndex.names.filter((n) => everyName.includes(n)).sort()).toEqual(everyName.filter((n) => fold(n).includes(fold(sub))).sort());
        }
      }),
      { numRuns: 60, seed: 1414 },
    );
    if (database === 'postgres') expect(usedIndex).toBeGreaterThan(10);
  });

  /**
   * The store's name condition over every bin row of the database, answered once by the
   * trigram index and once by a plain scan.
   */
  const trigramIndexSearch = (sub: string) =>
    node.salvage.ctx.store.db.connection().execute(async (conn) => {
      const like = sub.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/[A-Z]/g, (c) => c.toLowerCase());
      const query = sql<{ name: string }>`select name from entries where trashed_at is not null and lower(name) like ${`%${like}%`} escape '\\'`;
      // Inside a transaction rolled back at the end: without the other indexes of bin rows
      // (cheaper full scans on a table this small), a bitmap scan of the trigram index is
      // the only way left.
      await sql`begin`.execute(conn);
      try {
        const others = await sql<{ name: string }>`select indexname as name from pg_indexes
          where schemaname = current_schema() and tablename = 'entries' and indexname not in ('entries_pkey', 'entries_bin_name_trgm')`.execute(conn);
        for (const { name } of others.rows) await sql`drop index ${sql.id(name)}`.execute(conn);
        await sql`set local enable_seqscan = off`.execute(conn);
        await sql`set local enable_indexscan = off`.execute(conn);
        const plan = (await sql<Record<string, string>>`explain ${query}`.execute(conn)).rows.map((r) => r['QUERY PLAN']).join('\n');
        const names = (await query.execute(conn)).rows.map((r) => r.name);
        await sql`set local enable_seqscan = on`.execute(conn);
        await sql`set local enable_bitmapscan = off`.execute(conn);
        const scanned = (await query.execute(conn)).rows.map((r) => r.name);
        return { plan, names, scanned };
      } finally {
        await sql`rollback`.execute(conn);
      }
    });
});
