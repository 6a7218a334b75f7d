import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import * as nfcNames from '../../src/store/migrations/0012-nfc-names.js';
import * as nameKeys from '../../src/store/migrations/0023-name-keys.js';
import { inconsistencies } from '../support/consistency.js';
import { restartableNodes, startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, PdsClient, signIn, uploadFile } from './support/pds-client.js';

/**
 * Issue 13 item 9: names that look alike. Names are stored in NFC, so the NFC and NFD
 * forms of one name are one name; format characters (Unicode Cf: bidi controls,
 * zero-width characters) and names empty after trimming are refused with the name error
 * (PDS `400 InvalidParameter` naming the field). docs/pds.md, "Names".
 */
const databases = await testDatabases();
const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';
const FORMAT = ['invoice\u202egpj.exe', 'a\u200bb', 'a\u200db', '\ufeffa', 'a\u2066b\u2069', 'a\u061cb', 'a\u00adb', 'a\u200eb'];
const BLANK = [' ', '   ', '\t', '\n', '\u00a0', '\u3000', ' \u2003 '];

describe.each(databases)('look-alike names on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'names' }, 201)).drive_id;
  });
  afterAll(async () => node?.destroy());

  const names = async (parentId: string) =>
    ((await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: parentId })).items as { name: string }[]).map((i) => i.name).sort();

  it('stores NFC and treats the NFD form as the same name', async () => {
    const dir = await makeFolder(pds, driveId, 'root', 'nfc');
    const made = await makeFolder(pds, driveId, dir.file_id, NFD);
    expect(made.file_name).toBe(NFC);
    await pds.fails('/v2/file/create', { drive_id: driveId, parent_file_id: dir.file_id, name: NFC, type: 'folder' }, 409, 'AlreadyExist.File');
    // check_name_mode refuse answers the folder that has the name: the same one.
    const same = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: dir.file_id, name: NFD, type: 'folder', check_name_mode: 'refuse' }, 201);
    expect([same.file_id, same.exist]).toEqual([made.file_id, true]);
    const renamed = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: dir.file_id, name: NFD, type: 'file', size: 0, check_name_mode: 'auto_rename' }, 201);
    expect(renamed.file_name).toBe('caf\u00e9(1).txt');
    const other = await uploadFile(pds, driveId, dir.file_id, 'other.txt', 'x');
    await pds.fails('/v2/file/update', { drive_id: driveId, file_id: other.file_id, name: NFD, check_name_mode: 'refuse' }, 409, 'AlreadyExist.File');
    expect(await names(dir.file_id)).toEqual([NFC, 'caf\u00e9(1).txt', 'other.txt'].sort());
    // Either form finds it by path.
    for (const path of [`/nfc/${NFD}`, `/nfc/${NFC}`]) {
      expect((await pds.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: path })).file_id).toBe(made.file_id);
    }
  });

  it('refuses format characters and blank names, in every field that names an entry, and changes nothing', async () => {
    const dir = await makeFolder(pds, driveId, 'root', 'refusals');
    const file = await uploadFile(pds, driveId, dir.file_id, 'keep.txt', 'x');
    for (const bad of [...FORMAT, ...BLANK]) {
      const tries: Array<[string, object, string]> = [
        ['/v2/file/create', { drive_id: driveId, parent_file_id: dir.file_id, name: bad, type: 'folder' }, 'name'],
        ['/v2/file/create', { drive_id: driveId, parent_file_id: dir.file_id, name: bad, type: 'file', size: 1 }, 'name'],
        ['/v2/file/update', { drive_id: driveId, file_id: file.file_id, name: bad }, 'name'],
        ['/v2/file/move', { drive_id: driveId, file_id: file.file_id, to_parent_file_id: 'root', new_name: bad }, 'new_name'],
        ['/v2/file/copy', { drive_id: driveId, file_id: file.file_id, to_parent_file_id: 'root', new_name: bad }, 'new_name'],
      ];
      for (const [path, body, field] of tries) {
        const res = await pds.call(path, body);
        expect([path, JSON.stringify(bad), res.status, res.body.code]).toEqual([path, JSON.stringify(bad), 400, 'InvalidParameter']);
        expect(res.body.message).toContain(field);
      }
    }
    expect(await names(dir.file_id)).toEqual(['keep.txt']);
    expect(await names('root')).not.toContain('keep.txt');
    expect(await inconsistencies(node.salvage, driveId)).toEqual([]);
  });

  it('still accepts names with inner or outer spaces, emoji and other scripts', async () => {
    const dir = await makeFolder(pds, driveId, 'root', 'fine');
    for (const name of [' leading', 'trailing ', 'a b', '名前', 'emoji 🎉', '\u0001ctl']) await makeFolder(pds, driveId, dir.file_id, name);
    expect(await names(dir.file_id)).toHaveLength(6);
  });
});

describe.each(databases)('names stored before NFC on %s', (database) => {
  const nodes = restartableNodes(database);

  it('are put in NFC at upgrade, a clash auto-renamed, and found by either form', async () => {
    let node = await nodes.first();
    const pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'legacy' }, 201)).drive_id as string;
    const a = await makeFolder(pds, driveId, 'root', 'a');
    const b = await uploadFile(pds, driveId, 'root', 'b.txt', 'b');
    const c = await makeFolder(pds, driveId, 'root', 'c');
    // As an earlier version stored them: the NFD form beside the NFC one, and an NFD name alone.
    const db = node.salvage.ctx.store.db;
    await db.updateTable('entries').set({ name: NFC }).where('id', '=', a.file_id).execute();
    await db.updateTable('entries').set({ name: NFD }).where('id', '=', b.file_id).execute();
    await db.updateTable('entries').set({ name: 'nai\u0308ve' }).where('id', '=', c.file_id).execute();
    // The upgrade's migration, run as the start of a newer version runs it (its row cannot
    // simply be deleted to run it again: later migrations are recorded after it).
    await nfcNames.up(db as unknown as Kysely<unknown>);
    // 0023, after it, gives the names their sort keys.
    await nameKeys.fillNameKeys(db as unknown as Kysely<unknown>);
    await node.close();

    node = await nodes.next();
    const again = new PdsClient(node.url, pds.accessToken);
    const listed = (await again.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root' })).items as { file_id: string; name: string }[];
    expect(Object.fromEntries(listed.map((i) => [i.file_id, i.name]))).toEqual({ [a.file_id]: NFC, [b.file_id]: 'caf\u00e9(1).txt', [c.file_id]: 'na\u00efve' });
    expect((await again.ok('/v2/file/get_by_path', { drive_id: driveId, file_path: '/nai\u0308ve' })).file_id).toBe(c.file_id);
    expect(await inconsistencies(node.salvage, driveId)).toEqual([]);
  });
});
