import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations as NAS_OPERATIONS } from '../../src/api/nas/operations.js';
import { PDS_OPERATIONS } from '../../src/api/pds/operations.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { auditStore } from '../support/store-audit.js';
import { rawNas } from '../nas/support/raw.js';
import { xmlProblemsOfEach } from '../nas/support/xml.js';
import { makeFolder, type PdsClient, signIn, uploadFile } from '../pds/support/pds-client.js';

/**
 * Issue 13, Tests: random PDS paths and NAS actions with odd strings in their fields, on
 * both databases. No answer may be a 5xx, every XML answer must be well-formed, and after
 * each run the store keeps its invariants (used_size, bin bytes, tree counters, no missing
 * or orphan blob: test/support/store-audit.ts). Reproduce with the seed fast-check prints:
 * ODD_SEED=<seed> npx vitest run test/hardening/odd-strings.fuzz.test.ts
 */
const databases = await testDatabases();
const seed = Number(process.env.ODD_SEED ?? 20_261_202);
const numRuns = Number(process.env.ODD_RUNS ?? 25);

/** Strings that broke or could break something: NUL, lone surrogates, controls, look-alikes, sizes. */
const ODD = [
  '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\ud83d', '\r\n', '\u0001\u001f', '\u007f', '\u2028', '\u202e', 'invoice\u202egpj.exe', '\u200b',
  '\ufeff', ' ', '\u3000', 'cafe\u0301', 'caf\u00e9', '.', '..', '/', 'a/b', '../../etc', '%00', '&lt;', '<x>', ']]>', '"\'', '\\', '💥',
  '\ufffe', '\uffff', 'x'.repeat(1025), '名'.repeat(400), 'text/plain\r\nx: y', 'root', '-1', '1e309', 'true', '{}', '__proto__',
];
const INJECTED = ['\u0000', '\ud800', '\u0001', '\u001b', '\r\n', '\u007f', '\u2028', '\u202e', '\u200b', '\u0301'];
const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  // An ordinary value with one odd character inside: it passes the other checks.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('n.txt', 'text/plain', 'admin', 'renamed', 'name'), fc.constantFrom(...INJECTED)).map(([s, c]) => `${s.slice(0, 2)}${c}${s.slice(2)}`) },
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
);

/** The string fields each PDS path reads (a request aims at one of them, or at any field). */
const PDS_STRING_FIELDS: Record<string, string[]> = {
  '/v2/account/token': ['grant_type', 'username', 'password', 'refresh_token'],
  '/v2/drive/create': ['drive_name', 'description', 'owner'],
  '/v2/drive/get': ['drive_id'],
  '/v2/drive/list': ['owner', 'marker'],
  '/v2/drive/update': ['drive_id', 'drive_name', 'description'],
  '/v2/file/create': ['drive_id', 'parent_file_id', 'name', 'type', 'content_type', 'check_name_mode'],
  '/v2/file/complete': ['drive_id', 'file_id', 'upload_id'],
  '/v2/file/get_upload_url': ['drive_id', 'file_id', 'upload_id'],
  '/v2/file/list_uploaded_parts': ['drive_id', 'file_id', 'upload_id'],
  '/v2/file/get': ['drive_id', 'file_id'],
  '/v2/file/list': ['drive_id', 'parent_file_id', 'type', 'marker', 'order_by', 'order_direction'],
  '/v2/file/search': ['drive_id', 'query', 'order_by', 'marker'],
  '/v2/file/update': ['drive_id', 'file_id', 'name', 'check_name_mode'],
  '/v2/file/get_download_url': ['drive_id', 'file_id'],
  '/v2/file/delete': ['drive_id', 'file_id'],
  '/v2/recyclebin/trash': ['drive_id', 'file_id'],
  '/v2/recyclebin/list': ['drive_id', 'parent_file_id', 'order_by', 'type', 'marker'],
  '/v2/recyclebin/restore': ['drive_id', 'file_id'],
  '/v2/recyclebin/clear': ['drive_id'],
  '/v2/async_task/get': ['async_task_id'],
  '/v2/file/get_by_path': ['drive_id', 'file_path'],
  '/v2/file/move': ['drive_id', 'file_id', 'to_parent_file_id', 'new_name', 'check_name_mode', 'to_drive_id'],
  '/v2/file/copy': ['drive_id', 'file_id', 'to_parent_file_id', 'new_name', 'to_drive_id'],
  '/v2/recyclebin/search_all': ['drive_id', 'query', 'order_by', 'marker'],
  '/v2/batch': ['resource'],
  '/v2/user/create': ['user_name', 'nick_name', 'email', 'password', 'plain_password', 'role', 'status'],
  '/v2/user/get': ['user_id'],
  '/v2/user/list': ['marker'],
  '/v2/user/update': ['user_id', 'nick_name', 'email', 'password', 'old_password', 'role', 'status'],
  '/v2/user/access_key/create': ['user_id'],
  '/v2/user/access_key/list': ['user_id'],
  '/v2/user/access_key/update': ['access_key_id', 'status'],
  '/v2/user/access_key/delete': ['access_key_id'],
};
const ANY_PDS_FIELD = [...new Set(Object.values(PDS_STRING_FIELDS).flat())];
const NAS_PARAMS = [
  'FileSystemId', 'FileId', 'TargetFileId', 'JobId', 'Path', 'NextToken', 'MaxResults', 'ReservedDays', 'ClientToken', 'Description', 'StorageType',
  'ProtocolType', 'FileSystemType', 'ChargeType', 'Status', 'PageSize', 'PageNumber', 'Tag.1.Key', 'Tag.1.Value', 'Format', 'Version', 'Action',
];
// Deleting the drive or a user ends what the run can reach; their refusals are covered elsewhere.
const PDS_PATHS = Object.keys(PDS_OPERATIONS).filter((p) => p !== '/v2/drive/delete' && p !== '/v2/user/delete');

type Request =
  | { dialect: 'pds'; path: string; odd: [string, string][]; pick: number }
  | { dialect: 'nas'; action: string; odd: [string, string][]; pick: number; xml: boolean };

const pdsRequest = fc.constantFrom(...PDS_PATHS).chain((path) =>
  fc.record({
    dialect: fc.constant('pds' as const),
    path: fc.constant(path),
    odd: fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(PDS_STRING_FIELDS[path] ?? ANY_PDS_FIELD)) }, fc.constantFrom(...ANY_PDS_FIELD)), oddString), {
      minLength: 1,
      maxLength: 2,
    }),
    pick: fc.nat(),
  }),
);
const nasRequest = fc.record({
  dialect: fc.constant('nas' as const),
  action: fc.constantFrom(...Object.keys(NAS_OPERATIONS)),
  odd: fc.array(fc.tuple(fc.constantFrom(...NAS_PARAMS), oddString), { minLength: 1, maxLength: 3 }),
  pick: fc.nat(),
  xml: fc.boolean(),
});

describe.each(databases)('odd strings in every PDS path and NAS action on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'odd' }, 201)).drive_id;
    const dir = await makeFolder(pds, driveId, 'root', 'dir');
    ids.push('root', dir.file_id);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) ids.push((await uploadFile(pds, driveId, dir.file_id, name, name)).file_id);
    await pds.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: ids[4] });
    // Names may hold control characters: listings must still be well-formed XML.
    ids.push((await makeFolder(pds, driveId, 'root', 'ctl\u0001\u001b\u000b')).file_id);
  });
  afterAll(async () => node?.destroy());

  /** Jobs queued by a run finish before the store is audited (a purge removes blobs after its commit). */
  const settled = () =>
    eventually(async () => {
      const busy = await node.salvage.ctx.store.db.selectFrom('jobs').select('id').where('state', 'in', ['queued', 'running']).execute();
      return busy.length === 0 ? true : undefined;
    });

  async function send(r: Request): Promise<{ status: number; xml?: string; what: string }> {
    const fileId = ids[r.pick % ids.length]!;
    if (r.dialect === 'pds') {
      const body: Record<string, unknown> = { drive_id: driveId, file_id: fileId, parent_file_id: 'root', name: `n${r.pick % 5}.txt`, type: r.pick % 2 ? 'file' : 'folder', size: 1 };
      for (const [field, value] of r.odd) body[field] = value;
      const res = await pds.call(r.path, body);
      return { status: res.status, what: `${r.path} ${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}` };
    }
    const params: Record<string, string> = { FileSystemId: driveId, FileId: fileId, TargetFileId: 'root', Path: '/', StorageType: 'All', JobId: '1' };
    let action = r.action;
    let version: string | undefined;
    for (const [param, text] of r.odd) {
      // A URL carries UTF-8: a lone surrogate cannot be sent (the server reads %ED%A0%80 as U+FFFD).
      const value = text.toWellFormed();
      if (param === 'Action') action = value;
      else if (param === 'Version') version = value;
      else params[param] = value;
    }
    if (r.xml) params.Format = 'XML';
    const res = await rawNas(node, { action, version, params });
    return { status: res.status, xml: r.xml ? res.text : undefined, what: `${JSON.stringify(action)} ${JSON.stringify(params)} -> ${res.status} ${res.text.slice(0, 200)}` };
  }

  it('never answers 5xx, answers well-formed XML, and keeps the store consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(pdsRequest, nasRequest), { minLength: 5, maxLength: 25 }), async (requests) => {
        const xml: string[] = [];
        for (const r of requests) {
          const answer = await send(r);
          expect(answer.status, answer.what).toBeLessThan(500);
          if (answer.xml !== undefined) xml.push(answer.xml);
        }
        const problems = xmlProblemsOfEach(xml).flatMap((p, i) => (p.length ? [`${p.join('; ')} in ${xml[i]!.slice(0, 300)}`] : []));
        expect(problems).toEqual([]);
        await settled();
        expect((await auditStore(node.salvage.ctx.store.db, node.dataDir)).problems).toEqual([]);
      }),
      { seed, numRuns, endOnFailure: true },
    );
  });
});
