import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { SDK_MODELS, SDK_SOURCE } from './conformance/sdk-models.js';
import { type Allowances, walk } from './conformance/walk.js';
import { type Json, type PdsClient, signIn, waitForTask } from './support/pds-client.js';

/**
 * Every PDS answer Salvage gives, over the real server, walked against the field types of
 * the official SDK's response model for that call (test/pds/conformance/sdk-models.ts,
 * generated from aliyun/alibabacloud-pds-sdk pds/main.tea; each field cites its line).
 */

/** Where Salvage answers outside a declared type or enum on purpose; docs/pds.md says why. */
const ALLOW: Allowances = {
  nullable: Object.fromEntries(
    ['BaseCCPFileResponse', 'GetFileResponse', 'CompleteFileResponse', 'UpdateFileMetaResponse'].flatMap((m) => [
      [`${m}.trashed_at`, 'SPEC section 4: trashed_at is null unless the entry is in the bin'],
      [`${m}.auto_delete_left_sec`, 'docs/pds.md: null while the drive\'s bin is disabled (retention purges nothing)'],
    ]),
  ),
  enumExtras: {
    'GetAsyncTaskResponse.state': { values: ['PartialSucceed', 'Cancelled'], why: 'SPEC section 2 names these two states; docs/pds.md' },
    'GetAsyncTaskResponse.status': { values: ['PartialSucceed', 'Cancelled'], why: 'status repeats state' },
  },
};

/** Each path Salvage serves, with the SDK model its answer is (main.tea line in the table). */
const MODEL_OF = {
  '/v2/account/token': 'AccountAccessTokenResponse',
  '/v2/drive/create': 'CreateDriveResponse',
  '/v2/drive/get': 'GetDriveResponse',
  '/v2/drive/list': 'ListDriveResponse',
  '/v2/drive/update': 'UpdateDriveResponse',
  '/v2/file/create': 'CreateFileResponse',
  '/v2/file/get_upload_url': 'GetUploadUrlResponse',
  '/v2/file/list_uploaded_parts': 'ListUploadedPartResponse',
  '/v2/file/complete': 'CompleteFileResponse',
  '/v2/file/get': 'GetFileResponse',
  '/v2/file/list': 'ListFileResponse',
  '/v2/file/search': 'SearchFileResponse',
  '/v2/file/update': 'UpdateFileMetaResponse',
  '/v2/file/get_download_url': 'GetDownloadUrlResponse',
  '/v2/file/delete': 'DeleteFileResponse',
  '/v2/recyclebin/trash': 'TrashFileResponse',
  '/v2/recyclebin/list': 'ListFileInRecycleBinResponse',
  '/v2/recyclebin/restore': 'RestoreFileResponse',
  '/v2/recyclebin/clear': 'ClearRecycleBinResponse',
  '/v2/async_task/get': 'GetAsyncTaskResponse',
} as const;
type Path = keyof typeof MODEL_OF;

const check = (path: Path, answer: unknown): string[] => walk(SDK_MODELS, MODEL_OF[path], answer, { allow: ALLOW });

describe('the PDS conformance walker', () => {
  it('cites the SDK source and holds every model it is asked about', () => {
    expect(SDK_SOURCE).toMatchObject({ repo: 'aliyun/alibabacloud-pds-sdk', path: 'pds/main.tea' });
    for (const model of Object.values(MODEL_OF)) expect(SDK_MODELS[model]?.line, model).toBeGreaterThan(0);
  });

  // The walker judges only declared fields, so a misspelt SDK name would pass unjudged:
  // the names Salvage sends for who did it are checked against the models here.
  it('declares the actor fields Salvage sends under SDK names, and none for who trashed', () => {
    const actorFields = ['creator_type', 'creator_id', 'creator_name', 'last_modifier_type', 'last_modifier_id', 'last_modifier_name'];
    for (const model of ['BaseCCPFileResponse', 'GetFileResponse', 'UpdateFileMetaResponse', 'CompleteFileResponse']) {
      for (const field of actorFields) expect(SDK_MODELS[model]?.fields[field]?.type, `${model}.${field}`).toBe('string');
      // trashed_by and trashed_by_name are Salvage's own (docs/pds.md).
      expect(SDK_MODELS[model]?.fields).not.toHaveProperty('trashed_by');
      expect(SDK_MODELS[model]?.fields).not.toHaveProperty('trashed_by_name');
    }
  });

  // One conforming answer, then each check fed a deliberately wrong one: every kind of
  // check can fail, and says where and which line of main.tea it holds to.
  const token = { access_token: 'a', refresh_token: 'r', expires_in: 7200, token_type: 'Bearer', need_link: false, domain_id: 'salvage' };
  const file = { drive_id: 'd', file_id: 'f', name: 'a.txt', type: 'file', status: 'available', size: 3, trashed_at: null, updated_at: '2024-01-02T03:04:05.000Z' };
  const task = { async_task_id: '1', state: 'Succeed', status: 'Succeed', consumed_process: 1, total_process: 1, err_code: 200, message: '' };
  it('accepts conforming answers', () => {
    expect(check('/v2/account/token', token)).toEqual([]);
    expect(check('/v2/file/list', { items: [file], next_marker: '' })).toEqual([]);
    expect(check('/v2/async_task/get', { ...task, state: 'Cancelled', status: 'Cancelled' })).toEqual([]);
  });

  it.each([
    ['a required field absent', '/v2/account/token', { ...token, need_link: undefined }, '$.need_link: missing (required by AccountAccessTokenResponse.need_link, main.tea:23215)'],
    ['a boolean sent as a string', '/v2/account/token', { ...token, need_link: 'false' }, '$.need_link: expected boolean, got a string'],
    ['a number sent as a string', '/v2/async_task/get', { ...task, err_code: '200' }, '$.err_code: expected int64, got a string (GetAsyncTaskResponse.err_code, main.tea:25460)'],
    ['a fraction for an int64', '/v2/file/list', { items: [{ ...file, size: 1.5 }], next_marker: '' }, '$.items[0].size: expected int64, got a fraction'],
    ['an object where an array is declared', '/v2/file/list', { items: { 0: file }, next_marker: '' }, '$.items: expected [ BaseCCPFileResponse ], got a object'],
    ['an array where an object is declared', '/v2/file/get', [file], '$: expected an object (GetFileResponse'],
    ['a wrong item inside an array', '/v2/file/list', { items: [file, 'f2'], next_marker: '' }, '$.items[1]: expected an object (BaseCCPFileResponse'],
    ['a required field of a nested model absent', '/v2/recyclebin/list', { items: [{ ...file, name: undefined }] }, '$.items[0].name: missing (required by BaseCCPFileResponse.name'],
    ['null where the SDK declares a type and no allowance says why', '/v2/file/get', { ...file, content_hash: null }, '$.content_hash: null (GetFileResponse.content_hash'],
    ['a value outside a declared enum', '/v2/file/get', { ...file, status: 'deleted' }, '$.status: "deleted" is not one of uploading, available'],
    ['a state outside the enum and its allowance', '/v2/async_task/get', { ...task, state: 'Done' }, '$.state: "Done" is not one of Running, Failed, Succeed'],
    ['a date-time that is not one', '/v2/file/list', { items: [{ ...file, updated_at: 'yesterday' }], next_marker: '' }, '$.items[0].updated_at: "yesterday" is not an ISO 8601 date-time'],
  ] as const)('fails on %s', (_what, path, answer, problem) => {
    const problems = check(path, answer);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });
});

const databases = await testDatabases();

describe.each(databases)('PDS answers conform to the SDK\'s models on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  const seen = new Set<Path>();
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  /** Calls `path`, expects `status`, and walks the answer against the path's SDK model. */
  async function conforming(path: Path, body: object, status = 200): Promise<Json> {
    const answer = await pds.ok(path, body, status);
    expect(check(path, answer), `${path} -> ${JSON.stringify(answer)}`).toEqual([]);
    seen.add(path);
    return answer;
  }

  it('walks an answer of every path, through a whole life of a drive', async () => {
    const grant = await conforming('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    await conforming('/v2/account/token', { grant_type: 'refresh_token', refresh_token: grant.refresh_token });

    const driveId = (await conforming('/v2/drive/create', { drive_name: 'conformance', total_size: 1 << 20 }, 201)).drive_id as string;
    await conforming('/v2/drive/get', { drive_id: driveId });
    await conforming('/v2/drive/list', { limit: 10 });
    await conforming('/v2/drive/update', { drive_id: driveId, description: 'walked' });

    const folder = await conforming('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'box', type: 'folder' }, 201);
    const created = await conforming('/v2/file/create', {
      drive_id: driveId,
      parent_file_id: folder.file_id,
      name: 'two-parts.txt',
      type: 'file',
      size: 6,
      part_info_list: [{ part_number: 1, part_size: 3 }, { part_number: 2 }],
    }, 201);
    const ref = { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id };
    const urls = await conforming('/v2/file/get_upload_url', { ...ref, part_info_list: [{ part_number: 1 }, { part_number: 2 }] });
    for (const [i, body] of ['abc', 'def'].entries()) {
      expect((await fetch(urls.part_info_list[i].upload_url, { method: 'PUT', body })).status).toBe(200);
    }
    await conforming('/v2/file/list_uploaded_parts', ref);
    await conforming('/v2/file/complete', ref);
    // A file still uploading has no hash: its fields must conform too.
    await conforming('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'pending.bin', type: 'file' }, 201);

    await conforming('/v2/file/get', { drive_id: driveId, file_id: created.file_id });
    await conforming('/v2/file/get', { drive_id: driveId, file_id: folder.file_id });
    await conforming('/v2/file/list', { drive_id: driveId, parent_file_id: 'root', order_by: 'update_time' });
    await conforming('/v2/file/list', { drive_id: driveId, parent_file_id: folder.file_id });
    await conforming('/v2/file/search', { drive_id: driveId, query: 'name match "t"', return_total_count: true, order_by: 'size DESC' });
    await conforming('/v2/file/update', { drive_id: driveId, file_id: created.file_id, name: 'renamed.txt' });
    await conforming('/v2/file/get_download_url', { drive_id: driveId, file_id: created.file_id });

    await conforming('/v2/recyclebin/trash', { drive_id: driveId, file_id: folder.file_id }, 202);
    await conforming('/v2/recyclebin/list', { drive_id: driveId });
    await conforming('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: folder.file_id });
    await conforming('/v2/file/get', { drive_id: driveId, file_id: created.file_id });
    const restore = await conforming('/v2/recyclebin/restore', { drive_id: driveId, file_id: folder.file_id }, 202);
    await waitForTask(pds, restore.async_task_id);
    await conforming('/v2/async_task/get', { async_task_id: restore.async_task_id });

    const del = await conforming('/v2/file/delete', { drive_id: driveId, file_id: created.file_id }, 202);
    await waitForTask(pds, del.async_task_id);
    await conforming('/v2/async_task/get', { async_task_id: del.async_task_id });
    await conforming('/v2/recyclebin/trash', { drive_id: driveId, file_id: folder.file_id }, 202);
    const clear = await conforming('/v2/recyclebin/clear', { drive_id: driveId }, 202);
    await conforming('/v2/async_task/get', { async_task_id: clear.async_task_id });

    expect([...seen].sort()).toEqual(Object.keys(MODEL_OF).sort());
  });
});
